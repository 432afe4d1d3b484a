// Filters by country and kind on the home, year and month pages: progressive enhancement.
// Without JavaScript the form stays hidden and every entry is listed. The choice is kept in
// the address (?in=tm&kind=public-holiday) and for the visit (sessionStorage).
(() => {
  "use strict";
  const form = document.querySelector("form.filters");
  if (!form) return;
  const KEY = "calgen-filters";
  const selects = [...form.querySelectorAll("select")];
  const query = new URLSearchParams(location.search);
  let kept = {};
  try { kept = JSON.parse(sessionStorage.getItem(KEY) || "{}"); } catch (error) { kept = {}; }
  for (const select of selects) {
    select.value = query.get(select.name) ?? kept[select.name] ?? "";
    if (select.selectedIndex < 0) select.value = "";  // a choice this page does not offer
  }
  const has = (cats, id) => !id || cats.split(" ").includes(id);

  function apply() {
    const where = form.elements["in"].value;
    const kind = form.elements["kind"].value;
    const fits = (element) => has(element.dataset.cats || "", where) && has(element.dataset.cats || "", kind);
    for (const element of document.querySelectorAll("li[data-cats]")) element.hidden = !fits(element);
    for (const heading of document.querySelectorAll(".day")) {
      const list = heading.nextElementSibling;
      if (list) heading.hidden = list.hidden = ![...list.children].some((item) => !item.hidden);
    }
    for (const cell of document.querySelectorAll("table.month td[data-cats]")) {
      const off = (cell.dataset.off || "").split(" ").filter(Boolean);
      cell.classList.toggle("off", where ? off.includes(where) : off.length > 0);
      cell.classList.toggle("muted", !fits(cell));
    }
    const chosen = {};
    const address = new URLSearchParams(location.search);
    for (const select of selects) {
      if (select.value) { chosen[select.name] = select.value; address.set(select.name, select.value); }
      else address.delete(select.name);
    }
    try { sessionStorage.setItem(KEY, JSON.stringify(chosen)); } catch (error) { /* private mode */ }
    const search = address.toString();
    history.replaceState(null, "", (search ? "?" + search : location.pathname) + location.hash);
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  apply();
})();
