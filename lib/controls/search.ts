import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";

/**
 * The picker's search: a vertical whose name matches shows all of its
 * sub-verticals; otherwise only its sub-verticals whose names match; a vertical
 * with neither is hidden. Case- and accent-insensitive, on every word typed.
 */
export function filterTaxonomy(tree: readonly TaxonomyVertical[], query: string): TaxonomyVertical[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...tree];
  const matches = (name: string) => {
    const n = fold(name);
    return words.every((w) => n.includes(w));
  };
  const out: TaxonomyVertical[] = [];
  for (const v of tree) {
    if (matches(v.name)) {
      out.push(v);
      continue;
    }
    const subs = v.subVerticals.filter((s) => matches(s.name) || matches(`${v.name} ${s.name}`));
    if (subs.length > 0) out.push({ ...v, subVerticals: subs });
  }
  return out;
}

function fold(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}
