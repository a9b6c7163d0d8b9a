import { describe, expect, it } from 'vitest';
import { elementText, elementTexts } from './iam-xml.js';

const CREATE_ACCESS_KEY = `<?xml version="1.0" encoding="UTF-8"?>
<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateAccessKeyResult><AccessKey><UserName>u</UserName><AccessKeyId>AKIAZ</AccessKeyId><Status>Active</Status><SecretAccessKey>a/b+c&amp;d</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`;

describe('IAM answers', () => {
  it('reads an element and decodes its entities', () => {
    expect(elementText(CREATE_ACCESS_KEY, 'AccessKeyId')).toBe('AKIAZ');
    expect(elementText(CREATE_ACCESS_KEY, 'SecretAccessKey')).toBe('a/b+c&d');
  });

  it('reads every element of a list, in order', () => {
    const xml = '<PolicyNames><member>one</member><member>&#34;two&#34;</member></PolicyNames>';
    expect(elementTexts(xml, 'member')).toEqual(['one', '"two"']);
  });

  it('has nothing for an element that is not there', () => {
    expect(elementText(CREATE_ACCESS_KEY, 'Marker')).toBeUndefined();
  });
});
