#!/usr/bin/env node
// Read every vCard in a .vcf file with ical.js (the parser Thunderbird uses)
// and print what it decoded as JSON on stdout.
//
// Usage: node icaljs_read.mjs path/to/file.vcf
//
// Output: a JSON list with one object per card:
//   {"version", "fn", "n", "org", "title", "note", "url", "uid", "rev",
//    "tel": [{"value", "types"[, "label"]}], "email": [{"value", "types"}]}
//   (a tel's "label" is the X-ABLabel of its property group, only when the card has one)
//
// Values are shown exactly as ical.js decodes them; nothing is cleaned up
// here. That matters because ical.js has quirks the product has to live with,
// e.g. in vCard mode it does NOT unescape "\;" in plain text properties
// (FN, TITLE, NOTE, ...), so "\;" comes through literally.
//
// Shape rules (the same as EzRead.java):
// * single-valued properties (fn, title, note, url, uid, rev, version): the
//   value of the FIRST such property, or null when the card has none. If the
//   parser split the value into several values (ical.js splits vCard 3.0 NOTE
//   on unescaped commas), a list of strings is printed instead of a string.
// * n / org: list of components as the parser returns them. A component the
//   parser split further (N components on unescaped ",") is a list of strings.
//   No padding: if the parser gives fewer components, fewer are printed.
// * tel / email: every such property, in file order; "types" are the TYPE
//   parameter values, lowercased, in the order the parser keeps them.
// * rev: the parser's decoded date-time value rendered with its toString().

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function usage(msg) {
  process.stderr.write(`icaljs_read: ${msg}\nusage: node icaljs_read.mjs FILE.vcf\n`);
  process.exit(2);
}

// Render one decoded value: strings stay strings, lists stay lists (of
// rendered values), decorated objects (VCardTime, ...) use toString().
function plain(v) {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

function firstValue(card, name) {
  const prop = card.getFirstProperty(name);
  if (!prop) return null;
  const values = prop.getValues().map(plain);
  if (values.length === 0) return "";
  if (values.length === 1) return values[0];
  return values; // the parser split it into several values
}

function structured(card, name) {
  const prop = card.getFirstProperty(name);
  if (!prop) return null;
  const v = plain(prop.getFirstValue());
  if (v === null) return [];
  // ical.js returns a bare string when there is only one component.
  return Array.isArray(v) ? v : [v];
}

function types(prop) {
  let t = prop.getParameter("type");
  if (t === undefined || t === null) return [];
  if (!Array.isArray(t)) t = [t];
  return t.flat(Infinity).map((x) => String(x).toLowerCase());
}

// The X-ABLabel in the same property group (Apple's custom label of a TEL), or undefined.
function label(card, prop) {
  const group = prop.getParameter("group");
  if (!group) return undefined;
  const named = card.getAllProperties("x-ablabel").find((p) => p.getParameter("group") === group);
  return named ? plain(named.getFirstValue()) : undefined;
}

function multi(card, name) {
  return card.getAllProperties(name).map((prop) => {
    const values = prop.getValues().map(plain);
    let value;
    if (values.length === 0) value = "";
    else if (values.length === 1) value = values[0];
    else value = values;
    const entry = { value, types: types(prop) };
    const named = label(card, prop);
    if (named !== undefined) entry.label = named;
    return entry;
  });
}

function cardToJson(card) {
  return {
    version: firstValue(card, "version"),
    fn: firstValue(card, "fn"),
    n: structured(card, "n"),
    org: structured(card, "org"),
    title: firstValue(card, "title"),
    note: firstValue(card, "note"),
    url: firstValue(card, "url"),
    uid: firstValue(card, "uid"),
    rev: firstValue(card, "rev"),
    tel: multi(card, "tel"),
    email: multi(card, "email"),
  };
}

function main() {
  const path = process.argv[2];
  if (!path || process.argv.length > 3) usage("expected exactly one file argument");
  const text = readFileSync(path, "utf8");

  let parsed = ICAL.parse(text);
  // ICAL.parse returns the single component itself when there is exactly one
  // top-level component, and a list of components otherwise.
  if (parsed.length > 0 && typeof parsed[0] === "string") parsed = [parsed];

  const cards = [];
  for (const jcard of parsed) {
    const comp = new ICAL.Component(jcard);
    if (comp.name !== "vcard") {
      throw new Error(`unexpected top-level component ${JSON.stringify(comp.name)}`);
    }
    cards.push(cardToJson(comp));
  }
  process.stdout.write(JSON.stringify(cards, null, 1) + "\n");
}

main();
