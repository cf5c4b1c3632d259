/** One field error, in Discord's `{code, message}` shape. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Collects field errors and renders them the way Discord's 50035 "Invalid Form Body" does. */
export class FormErrors {
  readonly list: FieldError[] = [];

  /** Records an error at `path` (e.g. `['data', 'components', 0, 'label']`). */
  add(path: (string | number)[], code: string, message: string): void {
    this.list.push({ path, code, message });
  }

  /** Records a max-length error when `value` is longer than `max` characters. */
  maxLength(path: (string | number)[], value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  /** Records an error unless `value` is a string of `min`–`max` characters. */
  stringLength(path: (string | number)[], value: unknown, min: number, max: number): void {
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    } else if (value.length < min || value.length > max) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }

  /** Records an error when an array has more than `max` elements. */
  maxItems(path: (string | number)[], value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** The nested `errors` object of a 50035 body. */
  toDiscord(): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    for (const error of this.list) {
      let node = root;
      for (const key of error.path) {
        const k = String(key);
        node[k] ??= {};
        node = node[k] as Record<string, unknown>;
      }
      node._errors ??= [];
      (node._errors as { code: string; message: string }[]).push({
        code: error.code,
        message: error.message,
      });
    }
    return root;
  }

  /** One line per error: `data.components[0].label: Must be 80 or fewer in length.` */
  summary(): string {
    return this.list.map((e) => `${formatPath(e.path)}: ${e.message}`).join('; ');
  }
}

function formatPath(path: (string | number)[]): string {
  // Same shape as discord.js prints them: `0.name`, `data.components[0].label`.
  return path.map((p, i) => (i === 0 ? String(p) : typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}
