import type { Root } from 'mdast';
import { highlightMarkFromMarkdown } from 'mdast-util-highlight-mark';
import { highlightMark } from 'micromark-extension-highlight-mark';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';

/** Teaches remark-parse `==highlight==` (the micromark part alone yields no mdast nodes). */
function remarkHighlight(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions ??= [];
  data.fromMarkdownExtensions ??= [];
  data.micromarkExtensions.push(highlightMark());
  data.fromMarkdownExtensions.push(highlightMarkFromMarkdown);
}

/** Creates the note parser: GFM, YAML frontmatter and highlights. Build once and reuse it. */
export function createMarkdownParser(): (text: string) => Root {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkHighlight)
    .freeze();
  return (text) => processor.parse(text);
}
