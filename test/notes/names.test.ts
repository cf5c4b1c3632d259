import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { keyFromInput, noteName } from '../../src/notes/names.ts';

describe('own note names', () => {
  it('puts a note under server/, in its folder, keeping the name', () => {
    expect(noteName('vpc.md')).toEqual({ key: 'vpc.md', path: 'server/vpc.md' });
    expect(noteName('NAT Gateway (v2).MD', 'aws/networking')).toEqual({
      key: 'aws/networking/NAT Gateway (v2).md',
      path: 'server/aws/networking/NAT Gateway (v2).md',
    });
  });

  it.each([
    ['../../etc/passwd.md', /not a plain file name/],
    ['notes\\evil.md', /not a plain file name/],
    ['.hidden.md', /hidden file/],
    ['..md', /hidden file/],
    ['script.js', /only \.md files/],
    ['note.md.exe', /only \.md files/],
    ['<img src=x>.md', /may only use letters/],
    ['', /no name/],
    [`${'a'.repeat(80)}.md`, /longer than 80/],
  ])('refuses the file name %j', (name, message) => {
    expect(() => noteName(name)).toThrow(UserError);
    expect(() => noteName(name)).toThrow(message);
  });

  it.each([
    ['../../etc', /must not contain \. or \.\./],
    ['aws/../..', /must not contain \. or \.\./],
    ['.obsidian', /must not contain \. or \.\./],
    ['a\\b', /never \\/],
    ['a/b/c/d', /at most 3 levels/],
    ['a//b', /empty or padded/],
    ['a:b', /may only use letters/],
  ])('refuses the folder %j', (folder, message) => {
    expect(() => noteName('ok.md', folder)).toThrow(message);
  });

  it('reads a note as a user may type it', () => {
    expect(keyFromInput('server/aws/vpc.md')).toBe('aws/vpc.md');
    expect(keyFromInput('aws/vpc')).toBe('aws/vpc.md');
    expect(keyFromInput(' vpc.MD ')).toBe('vpc.md');
  });
});
