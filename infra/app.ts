/** The CDK CLI's entry (cdk.json): `npx cdk synth`, `npx cdk deploy`. */
import { createEcouteApp } from './ecoute-app.ts';

createEcouteApp().app.synth();
