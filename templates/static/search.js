// Search over the observances' names with the site's Pagefind index (pagefind/, built by
// calgen build: no service, no external request). Where the index cannot load (a page opened
// from the file system), it searches the A-to-Z list of the page instead.
(async () => {
  "use strict";
  const form = document.querySelector("form.search");
  if (!form) return;
  const input = form.elements["q"];
  const status = document.querySelector(".search-status");
  const results = document.querySelector(".search-results");
  const everything = document.querySelector(".a-z");
  const root = new URL(form.dataset.root, location.href);
  const entries = new Map([...everything.querySelectorAll("li[data-id]")].map((item) => [item.dataset.id, item]));
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  let pagefind = null;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ basePath: new URL("pagefind/", root).href });
    await pagefind.init();
  } catch (error) {
    pagefind = null;
  }

  async function found(query) {
    if (!pagefind) {
      const wanted = fold(query);
      return [...entries.values()].filter((item) => fold(item.textContent).includes(wanted));
    }
    const search = await pagefind.debouncedSearch(query, {}, 150);
    if (search === null) return null;  // a newer query is on its way
    const pages = await Promise.all(search.results.map((result) => result.data()));
    const found = new Set();
    for (const page of pages) {
      for (const sub of page.sub_results) {
        const item = entries.get(decodeURIComponent(sub.url.split("#")[1] || ""));
        if (item) found.add(item);
      }
    }
    return [...found];
  }

  async function run() {
    const query = input.value.trim();
    if (!query) {
      results.hidden = true;
      everything.hidden = false;
      status.textContent = "";
      return;
    }
    const items = await found(query);
    if (items === null || input.value.trim() !== query) return;
    results.replaceChildren(...items.map((item) => item.cloneNode(true)));
    results.hidden = items.length === 0;
    everything.hidden = true;
    status.textContent = items.length ? "" : status.dataset.none;
  }

  input.addEventListener("input", run);
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; run(); }
})();
