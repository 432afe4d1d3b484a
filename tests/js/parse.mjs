// Parse .ics files with ical.js (Thunderbird's parser) and print their events as JSON:
// {"path": [{"uid", "start", "end", "summary", "status"}...]}. Exits non-zero on a parse error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const result = {};
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  result[path] = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      summary: event.summary,
      status: component.getFirstPropertyValue("status"),
    };
  });
}
process.stdout.write(JSON.stringify(result));
