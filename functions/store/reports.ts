/** Report files in S3 (s3rver locally): JSON, CSV and HTML, one key per survey, period and format. */
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/** s3rver takes any key pair, and checks the signatures made with this one. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface ReportFiles {
  client: S3Client;
  bucket: string;
}

export function createReportFiles(o: {
  bucket: string;
  endpoint?: string;
  region?: string;
  timeoutMs?: number;
}): ReportFiles {
  const client = new S3Client({
    // A request S3 stops answering fails (and is retried) instead of holding the nightly run until its Lambda times out.
    requestHandler: { requestTimeout: o.timeoutMs ?? 30_000, connectionTimeout: 5000, throwOnRequestTimeout: true },
    region: o.region ?? process.env.AWS_REGION ?? 'eu-west-3',
    ...(o.endpoint
      ? {
          endpoint: o.endpoint,
          forcePathStyle: true,
          credentials: S3RVER_CREDENTIALS,
        }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { client, bucket: o.bucket };
}

const CONTENT_TYPES = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;
export type ReportFormat = keyof typeof CONTENT_TYPES;

export const reportKey = (territory: string, surveyId: string, period: string, format: ReportFormat) =>
  `reports/${territory}/${surveyId}/${period}.${format}`;

/**
 * Writes one object whole: S3 puts are atomic, so a reader never sees half a report. `night`
 * (metadata) says which night wrote it, so that a failed run can tell a set of its own night.
 */
export async function putReport(
  files: ReportFiles,
  key: string,
  format: ReportFormat,
  body: string,
  night?: string,
): Promise<void> {
  await files.client.send(
    new PutObjectCommand({
      Bucket: files.bucket,
      Key: key,
      Body: body,
      ContentType: CONTENT_TYPES[format],
      ...(night ? { Metadata: { night } } : {}),
    }),
  );
}

export interface ReportFile {
  key: string;
  format: ReportFormat;
  body: string;
}

/** A report set S3 would not take whole: its files were removed, or kept as another run of the night wrote them. */
export class ReportSetWriteError extends Error {
  override readonly name = 'ReportSetWriteError';
  constructor(set: ReportFile[], cause: unknown, outcome: 'removed' | 'kept') {
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const after = outcome === 'removed' ? 'were removed' : 'were kept, written whole by another run of the night';
    super(`report files ${set.map((f) => f.key).join(', ')} could not be written and ${after} (${why})`, { cause });
  }
}

/**
 * Writes the files of one report, the JSON last: S3 writes one object at a time, so a set whose
 * JSON is there is whole. A failed write (S3 down, disk full) removes the set, best effort,
 * rather than leave its files out of step; the next run writes it again. But when every file of
 * the set is there and of the same `night` (a run of that night wrote the set whole before this
 * one failed: a retried unit), the set is whole and in step, and stays: two runs of one night
 * never delete each other's files.
 */
export async function putReportSet(files: ReportFiles, set: ReportFile[], night: string): Promise<void> {
  const ordered = [...set.filter((f) => f.format !== 'json'), ...set.filter((f) => f.format === 'json')];
  try {
    for (const f of ordered) await putReport(files, f.key, f.format, f.body, night);
  } catch (e) {
    if (await wholeOf(files, set, night)) throw new ReportSetWriteError(set, e, 'kept');
    await Promise.allSettled(
      set.map((f) => files.client.send(new DeleteObjectCommand({ Bucket: files.bucket, Key: f.key }))),
    );
    throw new ReportSetWriteError(set, e, 'removed');
  }
}

/** Every file of the set is there, written on `night`; false when S3 cannot say. */
async function wholeOf(files: ReportFiles, set: ReportFile[], night: string): Promise<boolean> {
  try {
    const heads = await Promise.all(
      set.map((f) => files.client.send(new HeadObjectCommand({ Bucket: files.bucket, Key: f.key }))),
    );
    return heads.every((h) => h.Metadata?.night === night);
  } catch {
    return false;
  }
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
