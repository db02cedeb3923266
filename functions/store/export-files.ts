/**
 * Raw exports written to S3 (s3rver locally) as they are read: in parts of 8 MB by a multipart
 * upload, so no export, however many years it covers, is ever held whole in memory; a small
 * one in a single put. A failed upload is aborted, and the bucket's lifecycle rule removes any
 * part left behind.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { ReportFiles } from './reports.ts';

/** S3's parts are 5 MB at least but the last; 8 MB keeps a 1 GB worker far from its memory. */
const PART_BYTES = 8 * 1024 * 1024;
const CSV = 'text/csv; charset=utf-8';

export const exportKey = (territory: string, surveyId: string, jobId: string) =>
  `exports/${territory}/${surveyId}/${jobId}.csv`;

/** Writes the pieces to `key`; answers the bytes written. */
export async function writeExport(files: ReportFiles, key: string, pieces: AsyncIterable<string>): Promise<number> {
  const { client, bucket } = files;
  let buffered: Buffer[] = [];
  let size = 0;
  let total = 0;
  let uploadId: string | undefined;
  const parts: { ETag: string | undefined; PartNumber: number }[] = [];
  const sendPart = async () => {
    uploadId ??= (await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: CSV })))
      .UploadId;
    const PartNumber = parts.length + 1;
    const body = Buffer.concat(buffered);
    buffered = [];
    size = 0;
    const out = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: body }),
    );
    parts.push({ ETag: out.ETag, PartNumber });
  };
  try {
    for await (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      buffered.push(bytes);
      size += bytes.length;
      total += bytes.length;
      if (size >= PART_BYTES) await sendPart();
    }
    if (!uploadId) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.concat(buffered), ContentType: CSV }),
      );
      return total;
    }
    if (size > 0) await sendPart();
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return total;
  } catch (e) {
    if (uploadId)
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
        .catch(() => undefined); // best effort: the lifecycle rule aborts what is left
    throw e;
  }
}
