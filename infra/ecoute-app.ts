/**
 * Builds the CDK app: the config from context, the stack, and cdk-nag's AwsSolutions pack as
 * a validation plugin, so a finding nobody acknowledged fails synthesis. infra/app.ts (the
 * CLI's entry) and the tests build it the same way.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type ConfigSources, configFromContext, type EcouteConfig } from './config.ts';
import { EcouteStack } from './stack.ts';

export interface EcouteApp {
  app: App;
  stack: EcouteStack;
  config: EcouteConfig;
}

export function createEcouteApp(props?: AppProps, sources?: ConfigSources): EcouteApp {
  const app = new App(props);
  const config = configFromContext(app.node, sources);
  const stack = new EcouteStack(app, `Ecoute-${config.stage}`, config, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  });
  addNagChecks(app);
  return { app, stack, config };
}

/**
 * AwsSolutions as a validation plugin: any finding, error or warning, fails synthesis. The
 * acknowledgements are also written into the template's Metadata (`cdk_nag`), where a
 * reviewer (and the stack test) can read every one with its reason.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
}
