// The static export's search, run by Pagefind from the site's own bundle (no other host, no inline script).
// The form is hidden until this runs, so a browser without JavaScript keeps the organisation list alone.
const form = document.querySelector("form.static-search");
const results = document.querySelector(".static-results");
let engine = null;

// Pagefind's script, loaded on the first search; its results' addresses are made relative to the site.
async function pagefind() {
  if (!engine) {
    const bundle = new URL(form.dataset.bundle, document.baseURI);
    engine = await import(new URL("pagefind.js", bundle).href);
    await engine.options({ baseUrl: new URL("../..", bundle).pathname }); // the bundle is pagefind/<lang>/
  }
  return engine;
}

// One result as a link with a plain-text excerpt (the excerpt's markup is never put into the page).
function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const excerpt = document.createElement("p");
  excerpt.textContent = data.excerpt.replace(/<[^>]*>/g, "");
  li.append(link, excerpt);
  return li;
}

// A number however it is written (0910-73 50 00, +46 (0)910 735000, 0046…) as one run of digits: the index
// holds every number's national digits and its international ones. Anything else is searched as typed.
function asNumber(query) {
  if (!/^[\d\s()+\-–./]+$/.test(query)) return query;
  const digits = query.replace("(0)", "").replace(/\D/g, "").replace(/^00/, "");
  return digits.length >= 6 ? digits : query;
}

async function search(event) {
  event.preventDefault();
  const query = asNumber(form.elements.q.value.trim());
  results.replaceChildren();
  if (!query) return;
  const found = await (await pagefind()).search(query);
  const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  if (!data.length) {
    const none = document.createElement("p");
    none.textContent = form.dataset.none;
    results.append(none);
    return;
  }
  const list = document.createElement("ul");
  list.append(...data.map(item));
  results.append(list);
}

if (form) {
  form.hidden = false;
  form.addEventListener("submit", search);
}
