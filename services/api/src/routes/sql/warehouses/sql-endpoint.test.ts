import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { sqlEndpointOf } from './sql-endpoint.js';

const request = (hostname: string, port: number | null, protocol: 'http' | 'https' = 'http') =>
  ({ hostname, port, protocol }) as FastifyRequest;

describe('sqlEndpointOf', () => {
  it.each<[string, FastifyRequest, object]>([
    [
      'the host and port the client called',
      request('127.0.0.1', 18080),
      { hostname: '127.0.0.1', port: 18080 },
    ],
    [
      'a DNS name without a port, on the default port of https',
      request('dbc.example.com', null, 'https'),
      { hostname: 'dbc.example.com', port: 443, protocol: 'https' },
    ],
    ['a bracketed IPv6 address', request('[::1]', 18080), { hostname: '[::1]', port: 18080 }],
    [
      "the API's own host for a Host header that is no host name",
      request('evil/path?x', 18080),
      { hostname: '10.0.0.1', port: 80 },
    ],
  ])('names %s', (_case, called, expected) => {
    expect(sqlEndpointOf(called, '10.0.0.1')).toMatchObject(expected);
  });
});
