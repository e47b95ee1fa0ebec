import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { FieldViolation } from '../errors/index.js';

// The gRPC "rich error model": a google.rpc.Status message in the binary trailer grpc-status-details-bin,
// whose details are google.protobuf.Any values. Only the two detail types LogLens sends are handled, so
// they are encoded by hand rather than by pulling in generated googleapis code.

/** The trailer that carries the serialized google.rpc.Status. */
export const STATUS_DETAILS_TRAILER = 'grpc-status-details-bin';

const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';
const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/** The parts of google.rpc.Status that LogLens uses. */
export interface StatusDetails {
  readonly code: number;
  readonly message: string;
  /** From google.rpc.BadRequest. */
  readonly fieldViolations: readonly FieldViolation[];
  /** From google.rpc.RetryInfo, in milliseconds. */
  readonly retryDelayMs: number | undefined;
}

/** Serializes a google.rpc.Status with BadRequest and RetryInfo details where present. */
export function encodeStatusDetails(details: StatusDetails): Uint8Array {
  const writer = new BinaryWriter();
  writer.tag(1, WireType.Varint).int32(details.code);
  writer.tag(2, WireType.LengthDelimited).string(details.message);
  if (details.fieldViolations.length > 0) {
    const badRequest = new BinaryWriter();
    for (const violation of details.fieldViolations) {
      badRequest.tag(1, WireType.LengthDelimited).fork();
      badRequest.tag(1, WireType.LengthDelimited).string(violation.field);
      badRequest.tag(2, WireType.LengthDelimited).string(violation.description);
      badRequest.join();
    }
    writeAny(writer, BAD_REQUEST_TYPE, badRequest.finish());
  }
  if (details.retryDelayMs !== undefined) {
    const millis = Math.max(0, Math.round(details.retryDelayMs));
    const retryInfo = new BinaryWriter();
    retryInfo.tag(1, WireType.LengthDelimited).fork();
    retryInfo.tag(1, WireType.Varint).int64(Math.floor(millis / 1000));
    retryInfo.tag(2, WireType.Varint).int32((millis % 1000) * 1_000_000);
    retryInfo.join();
    writeAny(writer, RETRY_INFO_TYPE, retryInfo.finish());
  }
  return writer.finish();
}

/** Parses a google.rpc.Status, keeping the detail types LogLens knows and skipping the others. */
export function decodeStatusDetails(bytes: Uint8Array): StatusDetails {
  const reader = new BinaryReader(bytes);
  let code = 0;
  let message = '';
  const fieldViolations: FieldViolation[] = [];
  let retryDelayMs: number | undefined;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.Varint) code = reader.int32();
    else if (field === 2 && wireType === WireType.LengthDelimited) message = reader.string();
    else if (field === 3 && wireType === WireType.LengthDelimited) {
      const any = readAny(reader.bytes());
      if (any.typeUrl === BAD_REQUEST_TYPE) fieldViolations.push(...readBadRequest(any.value));
      if (any.typeUrl === RETRY_INFO_TYPE) retryDelayMs = readRetryInfo(any.value);
    } else reader.skip(wireType);
  }
  return { code, message, fieldViolations, retryDelayMs };
}

function writeAny(writer: BinaryWriter, typeUrl: string, value: Uint8Array): void {
  writer.tag(3, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).string(typeUrl);
  writer.tag(2, WireType.LengthDelimited).bytes(value);
  writer.join();
}

function readAny(bytes: Uint8Array): { typeUrl: string; value: Uint8Array } {
  const reader = new BinaryReader(bytes);
  let typeUrl = '';
  let value: Uint8Array = new Uint8Array();
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) typeUrl = reader.string();
    else if (field === 2 && wireType === WireType.LengthDelimited) value = reader.bytes();
    else reader.skip(wireType);
  }
  return { typeUrl, value };
}

function readBadRequest(bytes: Uint8Array): FieldViolation[] {
  const reader = new BinaryReader(bytes);
  const violations: FieldViolation[] = [];
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field !== 1 || wireType !== WireType.LengthDelimited) {
      reader.skip(wireType);
      continue;
    }
    const inner = new BinaryReader(reader.bytes());
    let name = '';
    let description = '';
    while (inner.pos < inner.len) {
      const [innerField, innerType] = inner.tag();
      if (innerField === 1 && innerType === WireType.LengthDelimited) name = inner.string();
      else if (innerField === 2 && innerType === WireType.LengthDelimited) description = inner.string();
      else inner.skip(innerType);
    }
    violations.push({ field: name, description });
  }
  return violations;
}

function readRetryInfo(bytes: Uint8Array): number {
  const reader = new BinaryReader(bytes);
  let millis = 0;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field !== 1 || wireType !== WireType.LengthDelimited) {
      reader.skip(wireType);
      continue;
    }
    const duration = new BinaryReader(reader.bytes());
    while (duration.pos < duration.len) {
      const [durationField, durationType] = duration.tag();
      if (durationField === 1 && durationType === WireType.Varint) millis += Number(duration.int64()) * 1000;
      else if (durationField === 2 && durationType === WireType.Varint)
        millis += duration.int32() / 1_000_000;
      else duration.skip(durationType);
    }
  }
  return millis;
}
