import { describe, expect, it } from 'vitest';
import { IS_COMPONENTS_V2 } from './validate-components-v2.ts';
import { checkMessage, type MessageParts } from './validate-message.ts';

const V2 = { allowed_mentions: { parse: [] }, flags: IS_COMPONENTS_V2 };
const text = (content: string) => ({ type: 10, content });
const button = (id: string) => ({ type: 2, style: 1, custom_id: id, label: 'ok' });
const row = (...components: unknown[]) => ({ type: 1, components });
const container = (...components: unknown[]) => ({ type: 17, components });
const gallery = (url: string) => ({ type: 12, items: [{ media: { url } }] });
const errorsOf = (body: Record<string, unknown>, files: readonly string[] = [], existing?: MessageParts) =>
  checkMessage({ ...V2, ...body }, [], files, existing).errors.summary();

describe('Components V2 messages, checked as Discord does', () => {
  it('accepts a container of text, a gallery of an uploaded picture and a row of buttons', () => {
    const body = {
      components: [container(text('## Hi'), gallery('attachment://card.png'), row(button('a')))],
    };
    expect(errorsOf(body, ['card.png'])).toBe('');
  });

  it('refuses content and embeds alongside the flag', () => {
    const errors = errorsOf({ content: 'hello', embeds: [{ title: 't' }], components: [text('x')] });
    expect(errors).toContain('content: The content field cannot be used with the IS_COMPONENTS_V2 flag.');
    expect(errors).toContain('embeds: The embeds field cannot be used with the IS_COMPONENTS_V2 flag.');
  });

  it('refuses to turn a message with embeds into V2 unless the edit empties them', () => {
    const existing: MessageParts = {
      content: '',
      embeds: [{ title: 'old' }],
      components: [],
      attachments: [],
      flags: 0,
    };
    expect(errorsOf({ components: [text('x')] }, [], existing)).toContain(
      'embeds: The embeds field cannot be used',
    );
    expect(errorsOf({ embeds: [], components: [text('x')] }, [], existing)).toBe('');
  });

  it('refuses to remove the flag from a V2 message', () => {
    const existing: MessageParts = {
      content: '',
      embeds: [],
      components: [text('x')],
      flags: IS_COMPONENTS_V2,
    };
    expect(
      checkMessage(
        { allowed_mentions: { parse: [] }, flags: 0, components: [text('y')] },
        [],
        0,
        existing,
      ).errors.summary(),
    ).toContain('flags: The IS_COMPONENTS_V2 flag cannot be removed');
  });

  it('refuses an attachment:// picture that was not uploaded in the same request', () => {
    expect(errorsOf({ components: [gallery('attachment://card.png')] })).toContain(
      'components[0].items[0].media.url: attachment://card.png names no file uploaded with this request',
    );
    expect(errorsOf({ components: [gallery('attachment://card.png')] }, ['other.png'])).toContain(
      'names no file',
    );
  });

  it('lets an edit refer to an attachment it keeps, but not to one it drops', () => {
    const existing: MessageParts = {
      content: '',
      embeds: [],
      components: [],
      attachments: [{ id: '9', filename: 'card.png' }],
      flags: IS_COMPONENTS_V2,
    };
    expect(errorsOf({ components: [gallery('attachment://card.png')] }, [], existing)).toBe('');
    expect(
      errorsOf({ attachments: [], components: [gallery('attachment://card.png')] }, [], existing),
    ).toContain('names no file');
  });

  it('counts nested components towards the 40 in a message', () => {
    // 1 container + 7 rows × (1 row + 5 buttons) = 43.
    const rows = Array.from({ length: 7 }, (_, r) =>
      row(...Array.from({ length: 5 }, (_, b) => button(`b${r}-${b}`))),
    );
    expect(errorsOf({ components: [container(...rows)] })).toContain(
      'A message holds at most 40 components (nested ones count); got 43.',
    );
    expect(errorsOf({ components: [container(...rows.slice(0, 6))] })).toBe(''); // 37
  });

  it('allows 4,000 characters of text in all the text displays together, not more', () => {
    expect(errorsOf({ components: [text('x'.repeat(2000)), text('y'.repeat(2000))] })).toBe('');
    expect(errorsOf({ components: [text('x'.repeat(2000)), container(text('y'.repeat(2001)))] })).toContain(
      'The text of all text displays is at most 4000 characters; got 4001.',
    );
  });

  it('allows only layout and content components at the top level and in containers', () => {
    expect(errorsOf({ components: [button('a')] })).toContain(
      'components[0].type: Component type 2 is not valid at the top level',
    );
    expect(errorsOf({ components: [container(container(text('x')))] })).toContain(
      'Component type 17 is not valid in a container.',
    );
    expect(errorsOf({ components: [{ type: 17, components: [] }] })).toContain(
      'components[0].components: Must be 1 or more',
    );
  });

  it('checks sections, galleries, thumbnails, files and separators', () => {
    const section = (accessory: unknown, ...texts: unknown[]) => ({ type: 9, components: texts, accessory });
    expect(errorsOf({ components: [section(button('a'), text('1'))] })).toBe('');
    expect(errorsOf({ components: [section(undefined, text('1'))] })).toContain(
      'A section needs a button or thumbnail accessory.',
    );
    expect(
      errorsOf({ components: [section(button('a'), text('1'), text('2'), text('3'), text('4'))] }),
    ).toContain('Must be between 1 and 3 in length.');
    const eleven = {
      type: 12,
      items: Array.from({ length: 11 }, () => ({ media: { url: 'https://x.test/a.png' } })),
    };
    expect(errorsOf({ components: [eleven] })).toContain('items: Must be between 1 and 10 in length.');
    const longAlt = {
      type: 12,
      items: [{ media: { url: 'https://x.test/a.png' }, description: 'd'.repeat(1025) }],
    };
    expect(errorsOf({ components: [longAlt] })).toContain(
      'items[0].description: Must be 1024 or fewer in length.',
    );
    expect(errorsOf({ components: [{ type: 13, file: { url: 'https://x.test/a.pdf' } }] })).toContain(
      'A file component needs an attachment:// url.',
    );
    expect(errorsOf({ components: [{ type: 14, spacing: 3 }] })).toContain(
      'spacing: Value must be one of {1, 2}.',
    );
  });

  it('keeps the button rules inside containers: unique custom ids, five to a row', () => {
    expect(errorsOf({ components: [container(row(button('a')), row(button('a')))] })).toContain(
      'Component custom id cannot be duplicated',
    );
    expect(
      errorsOf({ components: [container(row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`))))] }),
    ).toContain('Must be between 1 and 5 in length.');
  });

  it('refuses V2 components in a message sent without the flag', () => {
    expect(
      checkMessage({ allowed_mentions: { parse: [] }, components: [text('x')] }, [], 0).errors.summary(),
    ).toContain('must be 1 (action row)');
  });
});
