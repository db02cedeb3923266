/** Report files in S3 (s3rver locally): JSON, CSV and HTML, one key per survey, period and format. */
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface ReportFiles {
  client: S3Client;
  bucket: string;
}

export function createReportFiles(o: { bucket: string; endpoint?: string; region?: string }): ReportFiles {
  const client = new S3Client({
    region: o.region ?? process.env.AWS_REGION ?? 'eu-west-3',
    ...(o.endpoint
      ? { endpoint: o.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { client, bucket: o.bucket };
}

const CONTENT_TYPES = { json: 'application/json', csv: 'text/csv; charset=utf-8', html: 'text/html; charset=utf-8' } as const;
export type ReportFormat = keyof typeof CONTENT_TYPES;

export const reportKey = (territory: string, surveyId: string, period: string, format: ReportFormat) =>
  `reports/${territory}/${surveyId}/${period}.${format}`;

/** Writes one object whole: S3 puts are atomic, so a reader never sees half a report. */
export async function putReport(files: ReportFiles, key: string, format: ReportFormat, body: string): Promise<void> {
  await files.client.send(
    new PutObjectCommand({ Bucket: files.bucket, Key: key, Body: body, ContentType: CONTENT_TYPES[format] }),
  );
}

export async function getReport(files: ReportFiles, key: string): Promise<string | undefined> {
  try {
    const out = await files.client.send(new GetObjectCommand({ Bucket: files.bucket, Key: key }));
    return await out.Body?.transformToString('utf-8');
  } catch (e) {
    if (e instanceof NoSuchKey || (e instanceof Error && e.name === 'NoSuchKey')) return undefined;
    throw e;
  }
}

export async function ensureBucket(files: ReportFiles): Promise<void> {
  try {
    await files.client.send(new HeadBucketCommand({ Bucket: files.bucket }));
  } catch {
    await files.client.send(new CreateBucketCommand({ Bucket: files.bucket }));
  }
}
