import { LAYOUT_TYPES, normalizeStoreIdentifier, SURFACES, type Surface } from "@/lib/partnerships";
import type { TaxonomyRow } from "@/lib/partnerships/taxonomy";
import { type Db, getMeta, setMeta } from "./db";
import { DEMO_PARENT_ACCOUNT_ID, OTHER_PARENT_ACCOUNT_ID, OTHER_PLATFORM_MERCHANTS } from "./demo-platform";
import { insertPage, pageStatements } from "./store/pages";

/** A small, fast, seedable PRNG: the seed must be the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

function uuidFrom(rnd: () => number): string {
  const w = (bits: number) => Math.floor(rnd() * 2 ** bits);
  const hex = (v: number, len: number) => v.toString(16).padStart(len, "0");
  const a = hex(w(32), 8);
  const b = hex(w(16), 4);
  const c = hex(0x4000 | w(12), 4);
  const d = hex(0x8000 | w(14), 4);
  const e = hex(w(24), 6) + hex(w(24), 6);
  return `${a}-${b}-${c}-${d}-${e}`;
}

const WORDS = [
  "Harbor",
  "Lumen",
  "Cedar",
  "Juniper",
  "Willow",
  "Copper",
  "Summit",
  "Meadow",
  "Atlas",
  "Bramble",
  "Northwind",
  "Saffron",
  "Indigo",
  "Marlow",
  "Foxglove",
  "Granite",
  "Hollow",
  "Ember",
  "Tidal",
  "Birch",
  "Fable",
  "Pine",
  "Sable",
  "Quill",
  "Wren",
  "Alder",
  "Canyon",
  "Drift",
  "Falcon",
  "Golden",
  "Ivory",
  "Kestrel",
  "Linen",
  "Maple",
  "Nova",
  "Orchard",
  "Pebble",
  "Rowan",
  "Sparrow",
  "Thistle",
  "Velvet",
  "Zephyr",
  "Bloom",
  "Cobalt",
  "Dune",
  "Fern",
  "Glacier",
  "Heron",
  "Iris",
  "Lark",
  "Moss",
  "Nectar",
  "Opal",
  "Prairie",
  "Ridge",
  "Sage",
  "Tundra",
  "Vale",
] as const;
const SUFFIXES = [
  "Outfitters",
  "Supply Co.",
  "Goods",
  "Collective",
  "Apparel",
  "Home",
  "Studio",
  "Market",
  "Mercantile",
  "Labs",
  "Provisions",
  "Trading Co.",
  "Atelier",
  "Works",
  "Threads",
  "Kitchen",
  "Botanicals",
  "Outdoor",
  "Beauty",
  "Pet Co.",
  "Cycles",
  "Coffee Roasters",
  "Books",
  "Audio",
  "Skincare",
  "Travel",
] as const;
const COUNTRIES: readonly [string, string][] = [
  ["US", ".com"],
  ["US", ".com"],
  ["US", ".com"],
  ["GB", ".co.uk"],
  ["GB", ".co.uk"],
  ["CA", ".ca"],
  ["AU", ".com.au"],
  ["DE", ".de"],
  ["FR", ".fr"],
  ["NL", ".nl"],
  ["IE", ".ie"],
  ["NZ", ".co.nz"],
  ["SE", ".se"],
  ["ES", ".es"],
  ["IT", ".it"],
  ["JP", ".jp"],
];

function brandFor(rnd: () => number): string {
  const a = pick(rnd, WORDS);
  const r = rnd();
  if (r < 0.4) {
    let b = pick(rnd, WORDS);
    if (b === a) b = pick(rnd, WORDS);
    return `${a} & ${b}`;
  }
  if (r < 0.9) return `${a} ${pick(rnd, SUFFIXES)}`;
  return `${a}${pick(rnd, WORDS).toLowerCase()}`;
}

const slug = (brand: string) =>
  brand
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "");

const DAY = 86_400_000;
const SEED_START = Date.UTC(2025, 0, 6);

/**
 * Seeds one platform. Merchant i's content depends only on (platform, i); timestamps
 * spread its n merchants over 2025 in index order, so list order is index order.
 */
function seedPlatform(db: Db, parentId: string, n: number, salt: number, prefix: string, mapped: TaxonomyRow[]) {
  const st = pageStatements(db);
  const insert = db.prepare(
    `INSERT INTO accounts (account_id, parent_id, external_account_id, brand, country_code, store_identifier,
     store_norm, vertical_id, sub_vertical_id, rokt_vertical_id, rokt_sub_vertical_id, status, created_at, updated_at,
     mcl_id, mcl_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const archive = db.prepare("UPDATE variants SET status = 'archived' WHERE variant_id = ?");
  const step = Math.floor((340 * DAY) / Math.max(n, 1));
  for (let i = 0; i < n; i++) {
    const rnd = mulberry32(Math.imul(i + 1, 2654435761) ^ salt);
    const accountId = prefix + String((i * 7654321987 + 123456789012) % 1e15).padStart(15, "0");
    const brand = brandFor(rnd);
    const [country, tld] = pick(rnd, COUNTRIES);
    const host =
      rnd() < 0.6 ? `www.${slug(brand)}${tld}` : rnd() < 0.5 ? `${slug(brand)}${tld}` : `shop.${slug(brand)}${tld}`;
    const store = `https://${host}${rnd() < 0.15 ? "/" : ""}`;
    const pair = pick(rnd, mapped);
    const status = i === 0 ? "active" : i === 1 ? "paused" : rnd() < 0.72 ? "active" : "paused";
    const created = SEED_START + i * step + Math.floor(rnd() * (step / 2));
    const updated = created + Math.floor(rnd() * Math.min(step * 4, 9 * DAY));
    insert.run(
      accountId,
      parentId,
      `mer_${String(i + 1).padStart(6, "0")}`,
      brand,
      country,
      store,
      normalizeStoreIdentifier(store),
      pair.partnerVerticalId,
      pair.partnerSubVerticalId,
      pair.roktVerticalId,
      pair.roktSubVerticalId,
      status,
      new Date(created).toISOString(),
      new Date(updated).toISOString(),
      uuidFrom(rnd),
      `${brand} Controls`,
    );
    const surfaces: Surface[] = ["confirmation"];
    if (rnd() < 0.5) surfaces.push("tracking");
    if (rnd() < 0.25) surfaces.push("returns");
    surfaces.sort((x, y) => SURFACES.indexOf(x) - SURFACES.indexOf(y));
    const createdIso = new Date(created).toISOString();
    surfaces.forEach((surface, k) => {
      const layoutType = k === 0 && i < 2 ? LAYOUT_TYPES[i] : pick(rnd, LAYOUT_TYPES);
      const ids = {
        pageId: uuidFrom(rnd),
        layoutId: uuidFrom(rnd),
        variantIds: [uuidFrom(rnd), uuidFrom(rnd)] as [string, string],
      };
      insertPage(st, accountId, surface, layoutType ?? "Overlay", status, createdIso, ids);
      // Exactly ⌊n/10⌋ merchants (every tenth) have their first page's mobile variant archived.
      if (k === 0 && i % 10 === 9) archive.run(ids.variantIds[1]);
    });
  }
}

const STATE_TABLES = ["accounts", "pages", "layouts", "variants", "operations", "idempotency_keys", "privacy_requests"];

/**
 * Replaces all state with the seed, in one transaction (tokens survive). With
 * `onlyIfUnseeded`, a database that was already seeded is left alone: the check and the
 * seed share one immediate transaction, so two processes starting on one folder seed once.
 */
export function seed(db: Db, n: number, taxonomy: TaxonomyRow[], opts: { onlyIfUnseeded?: boolean } = {}): void {
  const mapped = taxonomy.filter((r) => r.roktVerticalId !== null);
  if (mapped.length === 0) throw new Error("sandbox seed: the taxonomy maps no pair");
  // A seed can be rebuilt at any time, so it skips fsync: big seeds were waiting on the disk.
  const sync = db.pragma("synchronous", { simple: true }) as number;
  db.pragma("synchronous = OFF");
  try {
    db.transaction(() => {
      if (opts.onlyIfUnseeded && getMeta(db, SEEDED) !== null) return;
      for (const t of STATE_TABLES) db.prepare(`DELETE FROM ${t}`).run();
      seedPlatform(db, DEMO_PARENT_ACCOUNT_ID, n, 0x5eed, "4", mapped);
      seedPlatform(db, OTHER_PARENT_ACCOUNT_ID, OTHER_PLATFORM_MERCHANTS, 0x07e4, "5", mapped);
      setMeta(db, SEEDED, String(n));
    }).immediate();
  } finally {
    db.pragma(`synchronous = ${sync}`);
  }
}

const SEEDED = "seeded_merchants";
