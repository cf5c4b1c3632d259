import type { Item } from './types.ts';

/** Where an item comes from, for the line under an answer: "AMI (Amazon Machine Image) › AMI Characteristics". */
export function sourceOf(item: Pick<Item, 'title' | 'section'>): string {
  return item.section === '' ? item.title : `${item.title} › ${item.section}`;
}
