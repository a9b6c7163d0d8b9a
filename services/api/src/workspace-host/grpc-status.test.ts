import { describe, expect, it } from 'vitest';
import {
  clusterDoesNotExist,
  invalidParameter,
  permissionDenied,
  temporarilyUnavailable,
  unauthenticated,
} from '../errors/databricks-error.js';
import { encodeGrpcMessage, GrpcRefusal, GrpcStatus, grpcRefusalOf } from './grpc-status.js';

describe('grpcRefusalOf', () => {
  it.each([
    ['an unauthenticated call', unauthenticated('Invalid access token'), GrpcStatus.unauthenticated],
    ['a denied call', permissionDenied('not yours'), GrpcStatus.permissionDenied],
    ['a bad parameter', invalidParameter('bad org id'), GrpcStatus.invalidArgument],
    ['a missing cluster, as the REST API words it', clusterDoesNotExist('x'), GrpcStatus.invalidArgument],
    ['a busy service', temporarilyUnavailable('later'), GrpcStatus.unavailable],
  ])('answers %s with the gRPC status of its REST status', (_name, error, code) => {
    const refusal = grpcRefusalOf(error);
    expect(refusal.code).toBe(code);
    expect(refusal.message).toBe(error.message);
  });

  it('keeps a refusal as it is', () => {
    const refusal = new GrpcRefusal(GrpcStatus.notFound, 'Cluster x does not exist');
    expect(grpcRefusalOf(refusal)).toBe(refusal);
  });

  it('never tells the client what an unexpected error was', () => {
    const refusal = grpcRefusalOf(new Error('ECONNRESET at 127.32.0.5'));
    expect(refusal.code).toBe(GrpcStatus.internal);
    expect(refusal.message).not.toContain('127.32');
  });
});

describe('encodeGrpcMessage', () => {
  it('percent-encodes what HTTP/2 headers may not carry', () => {
    expect(encodeGrpcMessage('Cluster ä: 100% done\n')).toBe('Cluster%20%C3%A4%3A%20100%25%20done%0A');
  });
});
