/**
 * Each published survey's public definition as a static file beside the widget,
 * `surveys/{id}.json` in the widget's bucket (S3 behind its CloudFront; s3rver locally): the
 * widget reads it there, so loading a survey costs no API request, Lambda or DynamoDB read. A
 * live survey's file is exactly what `GET /v1/surveys/{id}` answers; a closed one's says so.
 * Written with plain signed requests (the signer the API bundles already, as presign.ts does):
 * the S3 client would add about 140 KB to the API's bundle for two calls.
 */
import { createHash } from 'node:crypto';
import type { SurveyRecord, SurveyVersionRecord } from '../model.ts';
import { environmentCredentials, s3Signing, type S3Target } from './presign.ts';
import type { SurveyStore } from './surveys.ts';

export const publicSurveyKey = (id: string) => `surveys/${id}.json`;

/**
 * A minute in browsers and at the edge, as the API's GET has always said: a change reaches every
 * visitor within two. infra/README.md says why this beats versioned files or invalidations.
 */
export const PUBLIC_SURVEY_CACHE = 'public, max-age=60';

/** What a visitor gets of a live survey: its definition, its public id and version. */
export const liveBody = (id: string, v: SurveyVersionRecord) => ({ ...v.definition, id, version: v.version });

/** What the file of a survey that is not live says: the widget then shows it cannot load the survey. */
export const closedBody = (id: string) => ({ id, status: 'closed' as const });

/** Objects of one bucket read and written whole. */
export interface PublicFiles {
  put(key: string, body: string): Promise<void>;
  /** The object's text, or undefined when there is none (S3 answers 403 for a missing key without ListBucket). */
  get(key: string): Promise<string | undefined>;
}

export function publicFiles(o: S3Target & { timeoutMs?: number }): PublicFiles {
  const { signer, base, target } = s3Signing(o);
  const timeoutMs = o.timeoutMs ?? 2000;
  async function send(method: 'GET' | 'PUT', key: string, body?: string): Promise<Response> {
    const headers: Record<string, string> = {
      host: base.host,
      'x-amz-content-sha256': createHash('sha256')
        .update(body ?? '')
        .digest('hex'),
    };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['cache-control'] = PUBLIC_SURVEY_CACHE;
    }
    const where = target(key);
    const signed = await signer.sign({ method, ...where, headers, ...(body !== undefined && { body }) });
    const { host: _host, ...sent } = signed.headers;
    return fetch(`${base.protocol}//${base.host}${where.path}`, {
      method,
      headers: sent,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  }
  return {
    async put(key, body) {
      const res = await send('PUT', key, body);
      await res.body?.cancel();
      if (!res.ok) throw new Error(`S3 PutObject ${key}: ${res.status}`);
    },
    async get(key) {
      const res = await send('GET', key);
      if (res.ok) return res.text();
      await res.body?.cancel();
      if (res.status === 404 || res.status === 403) return undefined;
      throw new Error(`S3 GetObject ${key}: ${res.status}`);
    },
  };
}

/**
 * On Lambda: the widget's bucket the stack names (`ECOUTE_SURVEYS_BUCKET`, whose `surveys/` prefix
 * alone it grants), with the function's own credentials; `AWS_ENDPOINT_URL_S3` is AWS's own
 * variable, unset on Lambda, which tests/lambda-bundles.test.ts points at s3rver.
 */
export function lambdaPublicFiles(env = process.env): PublicFiles | undefined {
  const bucket = env.ECOUTE_SURVEYS_BUCKET;
  if (!bucket) return undefined;
  const region = env.AWS_REGION ?? 'eu-west-3';
  return publicFiles({ bucket, region, endpoint: env.AWS_ENDPOINT_URL_S3, credentials: environmentCredentials });
}

/** Writes the files from what the table holds, read fresh (the request's own view may be older). */
export class SurveyPublisher {
  constructor(
    private readonly files: PublicFiles,
    private readonly surveys: SurveyStore,
  ) {}

  /**
   * The file survey `id` of `territory` should have now; undefined for a draft, or an id that
   * another territory's published survey holds (a draft of the same name is not it).
   */
  async document(territory: string, id: string): Promise<string | undefined> {
    const survey = await this.surveys.get(id, true);
    if (!survey || survey.territory !== territory || survey.status === 'draft' || survey.name !== undefined)
      return undefined;
    const version = survey.status === 'live' ? await this.surveys.version(id, survey.version, true) : undefined;
    return JSON.stringify(version ? liveBody(id, version) : closedBody(id));
  }

  /** Writes the file of survey `id` as it is now (nothing for a draft). */
  async publish(territory: string, id: string): Promise<void> {
    const doc = await this.document(territory, id);
    if (doc) await this.files.put(publicSurveyKey(id), doc);
  }

  /** Writes the file if it is missing or says something else; true when it wrote. */
  async ensure(survey: SurveyRecord): Promise<boolean> {
    const doc = await this.document(survey.territory, survey.id);
    if (!doc || (await this.files.get(publicSurveyKey(survey.id))) === doc) return false;
    await this.files.put(publicSurveyKey(survey.id), doc);
    return true;
  }
}
