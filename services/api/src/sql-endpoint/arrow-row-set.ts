import {
  type Data,
  Field,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Table,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { cellText } from '../sql-engine/arrow-values.js';
import type { ResultColumn } from '../sql-engine/result-format.js';
import type { SqlType } from '../sql-engine/sql-type.js';
import { type ArrowNativeTypes, arrowTypeOf, travelsNatively } from './arrow-schema.js';

/**
 * Results in the ARROW_BASED_SET form: the Arrow schema once (TGetResultSetMetadataResp
 * .arrowSchema, an IPC schema message), then each batch as its IPC record batch message with
 * neither schema nor end of stream: a client appends the batches to the schema and reads the
 * whole as one IPC stream. Columns Spark sent in a type the client cannot read natively are
 * rewritten as text (arrow-schema.ts).
 */

/** The end-of-stream marker a stream writer closes with: a continuation and a zero length. */
const END_OF_STREAM_BYTES = 8;

/** The SQL type of a text column for the clients that read it (cursor.description of VARIANT, GEOMETRY). */
const SQL_NAME_KEY = 'Spark:DataType:SqlName';

function sqlNameOf(type: SqlType): string | undefined {
  if (type.kind === 'variant') return 'VARIANT';
  if (type.kind === 'other') return type.text;
  return undefined;
}

function textField(column: ResultColumn): Field {
  const sqlName = sqlNameOf(column.type);
  return new Field(column.name, new Utf8(), true, sqlName ? new Map([[SQL_NAME_KEY, sqlName]]) : null);
}

function streamBytes(writer: RecordBatchStreamWriter): Buffer {
  const bytes = writer.toUint8Array(true);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class ArrowResultEncoder {
  readonly schema: Schema;
  /** The IPC stream of the schema alone, without its end of stream. */
  readonly schemaBytes: Buffer;
  private readonly native: boolean[];

  /** `sample`: a batch as Spark sent it, whose Arrow types the native columns keep. */
  constructor(
    private readonly columns: readonly ResultColumn[],
    nativeTypes: ArrowNativeTypes,
    sample: RecordBatch | undefined,
  ) {
    this.native = columns.map((column) => travelsNatively(column.type, nativeTypes));
    this.schema = new Schema(
      columns.map((column, index) => {
        if (!this.native[index]) return textField(column);
        const sent = sample?.schema.fields[index];
        return new Field(column.name, sent?.type ?? arrowTypeOf(column.type), sent?.nullable ?? true);
      }),
    );
    const schemaStream = streamBytes(RecordBatchStreamWriter.writeAll(new Table(this.schema)));
    this.schemaBytes = schemaStream.subarray(0, schemaStream.length - END_OF_STREAM_BYTES);
  }

  private columnData(batch: RecordBatch, index: number): Data {
    const column = this.columns[index] as ResultColumn;
    const vector = batch.getChildAt(index) as Vector | null;
    if (vector && this.native[index]) return vector.data[0] as Data;
    const texts = Array.from({ length: batch.numRows }, (_, row) =>
      vector?.isValid(row) ? cellText(column.type, vector, row) : null,
    );
    return vectorFromArray(texts, new Utf8()).data[0] as Data;
  }

  /** One batch as the bytes of a TSparkArrowBatch. */
  encode(batch: RecordBatch): Buffer {
    const children = this.columns.map((_column, index) => this.columnData(batch, index));
    const data = makeData({
      type: new Struct(this.schema.fields),
      length: batch.numRows,
      nullCount: 0,
      children,
    });
    const stream = streamBytes(RecordBatchStreamWriter.writeAll([new RecordBatch(this.schema, data)]));
    return stream.subarray(this.schemaBytes.length, stream.length - END_OF_STREAM_BYTES);
  }
}
