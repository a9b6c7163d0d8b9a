import { describe, expect, it } from 'vitest';
import { parseMountPoints, s3fsArgs } from './s3-mount.js';

describe('s3fsArgs', () => {
  const spec = {
    bucket: 'brickyard',
    prefix: '/workspaces/42/dbfs/',
    endpoint: 'http://127.0.0.1:17070',
    region: 'us-east-1',
    accessKeyId: 'id',
    secretAccessKey: 'secret',
  };

  it('mounts the prefix of the bucket at the target, path-style, with a short stat cache', () => {
    expect(s3fsArgs(spec, '/state/pods/u/volumes/dbfs', '/state/pods/u/dbfs.passwd')).toEqual([
      'brickyard:/workspaces/42/dbfs',
      '/state/pods/u/volumes/dbfs',
      '-o',
      'passwd_file=/state/pods/u/dbfs.passwd,url=http://127.0.0.1:17070,endpoint=us-east-1,' +
        'use_path_request_style,allow_other,stat_cache_expire=1',
    ]);
  });

  it('mounts the whole bucket for an empty prefix', () => {
    expect(s3fsArgs({ ...spec, prefix: '' }, '/t', '/p')[0]).toBe('brickyard');
  });
});

describe('parseMountPoints', () => {
  it('reads the mount point field and decodes its escapes', () => {
    const mountinfo = [
      '22 1 0:21 / / rw,relatime - ext4 /dev/root rw',
      '40 22 0:35 / /state/pods/u/volumes/dbfs rw,nosuid,nodev - fuse.s3fs s3fs rw',
      '41 22 0:36 / /mnt/with\\040space rw - tmpfs none rw',
      '',
    ].join('\n');
    expect(parseMountPoints(mountinfo)).toEqual(['/', '/state/pods/u/volumes/dbfs', '/mnt/with space']);
  });
});
