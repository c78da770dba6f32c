/* Progress, start date and "today", kept in this browser only (localStorage).
 * Nothing is ever sent anywhere. Without JavaScript every page still reads fully;
 * the checkboxes then stay disabled.
 *
 * Stored under STORAGE_KEY as JSON:
 *   {"format": 1,
 *    "days": {"42": {"tasks": [0, 2], "done": "2026-12-03"}},   // by day number, not page name
 *    "start": "2026-12-01", "restDays": [6, 0]}                  // ISO date; 0 = Sunday ... 6 = Saturday
 * A later site that changes the format adds a step to MIGRATIONS; data from a newer
 * format than this script knows is left untouched (read-only), never overwritten.
 * The plan's shape (last day, phases) comes from window.PLAN, written by the build
 * from scripts/plan.py.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "ds365-progress";
  var FORMAT = 1;
  var MIGRATIONS = {};  // {1: function (v1) { return v2; }} when format 2 comes
  var PLAN = window.PLAN || { lastDay: 365, phases: [] };
  var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var DAY_MS = 86400000;

  /* ---- state ------------------------------------------------------------ */

  function emptyState() { return { format: FORMAT, days: {}, start: null, restDays: [] }; }

  function isDate(text) { return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) && !isNaN(Date.parse(text)); }

  /* Why `data` is not a progress file, or null when it is one. */
  function problemWith(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return "it is not a progress file (no JSON object)";
    if (typeof data.format !== "number") return "it has no \"format\" number: it is not a progress file from this site";
    if (data.format > FORMAT) return "it was saved by a newer version of the site (format " + data.format + ")";
    if (!data.days || typeof data.days !== "object" || Array.isArray(data.days)) return "its \"days\" is not an object";
    for (var key in data.days) {
      var day = Number(key), entry = data.days[key];
      if (!(day >= 1 && day <= PLAN.lastDay && String(day) === key)) return "it has a day \"" + key + "\" outside 1-" + PLAN.lastDay;
      if (!entry || typeof entry !== "object") return "day " + key + " is not an object";
      if (entry.tasks !== undefined && !(Array.isArray(entry.tasks) && entry.tasks.every(function (i) { return Number.isInteger(i) && i >= 0; })))
        return "day " + key + " has tasks that are not task numbers";
      if (entry.done !== undefined && !isDate(entry.done)) return "day " + key + " has a done date that is not YYYY-MM-DD";
    }
    if (data.start != null && !isDate(data.start)) return "its start date is not YYYY-MM-DD";
    if (data.restDays !== undefined && !(Array.isArray(data.restDays) && data.restDays.length < 7 &&
        data.restDays.every(function (d) { return Number.isInteger(d) && d >= 0 && d <= 6; })))
      return "its rest days are not weekday numbers 0-6 (at most six)";
    return null;
  }

  function migrate(data) {
    while (data.format < FORMAT) data = MIGRATIONS[data.format](data);
    return data;
  }

  /* {state, readOnly, notice}: unreadable or newer data is kept aside, never lost. */
  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORAGE_KEY); } catch (e) { return { state: emptyState(), readOnly: true, notice: "This browser does not let the page store anything, so ticks are not kept." }; }
    if (raw === null) return { state: emptyState(), readOnly: false };
    var data;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    var problem = problemWith(data);
    if (problem && data && typeof data.format === "number" && data.format > FORMAT)
      return { state: emptyState(), readOnly: true, notice: "Your progress was saved by a newer version of this site; it is shown read-only here so it is not overwritten. Reload to get the new version." };
    if (problem) {
      window.localStorage.setItem(STORAGE_KEY + ".unreadable." + Date.now(), raw);
      return { state: emptyState(), readOnly: false, notice: "The stored progress could not be read (" + problem + "); it was kept aside in this browser under another name, and a fresh record was started." };
    }
    data = migrate(data);
    data.restDays = data.restDays || [];
    return { state: data, readOnly: false };
  }

  var loaded = load();
  var state = loaded.state;

  function save() {
    if (loaded.readOnly) return;
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  }

  function dayEntry(day, create) {
    var entry = state.days[String(day)];
    if (!entry && create) entry = state.days[String(day)] = {};
    return entry;
  }

  function tidy(day) {
    var entry = dayEntry(day);
    if (entry && (!entry.tasks || !entry.tasks.length) && !entry.done) delete state.days[String(day)];
  }

  /* ---- dates ------------------------------------------------------------ */

  function toUTC(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
  function fromUTC(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function todayISO() { var d = new Date(); return fromUTC(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())); }
  function weekday(iso) { return new Date(toUTC(iso)).getUTCDay(); }
  function isRest(iso, restDays) { return restDays.indexOf(weekday(iso)) >= 0; }
  function nextDate(iso) { return fromUTC(toUTC(iso) + DAY_MS); }
  function readable(iso) {
    var d = new Date(toUTC(iso));
    return WEEKDAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " +
      ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  /* The calendar date of every plan day: day 1 on the first non-rest date from the start. */
  function schedule(start, restDays) {
    var dates = [null], date = start;
    while (dates.length <= PLAN.lastDay) {
      if (!isRest(date, restDays)) dates.push(date);
      date = nextDate(date);
    }
    return dates;
  }

  /* What today is in the plan: {kind: "day"|"rest"|"before"|"after", day, date}. */
  function today(now) {
    if (!state.start) return { kind: "unset" };
    var dates = schedule(state.start, state.restDays), date = now || todayISO();
    if (date < dates[1]) return { kind: "before", day: 1, date: dates[1] };
    if (date > dates[PLAN.lastDay]) return { kind: "after", date: dates[PLAN.lastDay] };
    for (var day = 1; day <= PLAN.lastDay; day++) {
      if (dates[day] === date) return { kind: "day", day: day, date: date };
      if (dates[day] > date) return { kind: "rest", day: day, date: dates[day] };
    }
  }

  /* Consecutive calendar days, up to today or yesterday, on which a day was marked
     done; rest days neither break nor add to it. */
  function streak() {
    var doneDates = {};
    for (var key in state.days) if (state.days[key].done) doneDates[state.days[key].done] = true;
    var date = todayISO(), count = 0;
    if (!doneDates[date]) date = fromUTC(toUTC(date) - DAY_MS);
    for (;;) {  // ends: at most six weekdays are rest days, and done dates are finite
      if (doneDates[date]) count++;
      else if (!isRest(date, state.restDays)) break;
      date = fromUTC(toUTC(date) - DAY_MS);
    }
    return count;
  }

  /* ---- page helpers ----------------------------------------------------- */

  function root() { return document.documentElement.getAttribute("data-content_root") || ""; }
  function dayPath(day) { return "days/day-" + String(day).padStart(3, "0") + ".html"; }
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function notice(container) {
    if (loaded.notice) container.appendChild(el("p", { "class": "progress-notice", role: "status" }, loaded.notice));
  }
  function download(name, type, text) {
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /* ---- a day page: ticks, done, its date ------------------------------- */

  function dayPage(day) {
    var context = document.querySelector(".day-context");
    if (!context) return;
    var boxes = document.querySelectorAll("article input.task-list-item-checkbox");
    var entry = dayEntry(day) || {};
    boxes.forEach(function (box, index) {
      box.disabled = loaded.readOnly;
      box.checked = (entry.tasks || []).indexOf(index) >= 0;
      box.addEventListener("change", function () {
        var current = dayEntry(day, true);
        var ticks = (current.tasks || []).filter(function (i) { return i !== index; });
        if (box.checked) ticks.push(index);
        current.tasks = ticks.sort(function (a, b) { return a - b; });
        tidy(day);
        save();
      });
    });

    var bar = el("div", { "class": "day-progress d-print-none" });
    var date = el("span", { "class": "day-date" });
    if (state.start) date.textContent = "Your plan: " + readable(schedule(state.start, state.restDays)[day]) + " · ";
    var button = el("button", { type: "button", "class": "day-done-button" });
    function show() {
      var done = (dayEntry(day) || {}).done;
      button.textContent = done ? "Done \u2713 (tap to undo)" : "Mark Day " + day + " done";
      button.setAttribute("aria-pressed", done ? "true" : "false");
    }
    button.disabled = loaded.readOnly;
    button.addEventListener("click", function () {
      var current = dayEntry(day, true);
      if (current.done) delete current.done; else current.done = todayISO();
      tidy(day);
      save();
      show();
    });
    show();
    bar.appendChild(date);
    bar.appendChild(button);
    bar.appendChild(el("a", { href: root() + "progress.html", "class": "day-progress-link" }, "Your progress"));
    notice(bar);
    context.after(bar);
  }

  /* ---- the progress page ------------------------------------------------ */

  function progressPage(container) {
    container.textContent = "";
    notice(container);
    var doneCount = Object.keys(state.days).filter(function (k) { return state.days[k].done; }).length;
    var summary = el("p", { "class": "progress-summary" });
    summary.innerHTML = "<strong>" + doneCount + "</strong> of " + PLAN.lastDay + " days done · current streak <strong>" +
      streak() + "</strong> day" + (streak() === 1 ? "" : "s");
    container.appendChild(summary);

    var now = today();
    PLAN.phases.forEach(function (phase) {
      var total = phase.last - phase.first + 1, done = 0;
      for (var d = phase.first; d <= phase.last; d++) if ((dayEntry(d) || {}).done) done++;
      var section = el("section", { "class": "progress-phase" });
      section.appendChild(el("h3", {}, "Phase " + phase.number + " · " + phase.title + ": " + Math.round(100 * done / total) + "% (" + done + "/" + total + ")"));
      var grid = el("div", { "class": "progress-grid" });
      for (var day = phase.first; day <= phase.last; day++) {
        var entry = dayEntry(day) || {};
        var cell = el("a", { href: root() + dayPath(day), "class": "progress-cell" + (entry.done ? " done" : entry.tasks ? " started" : "") + (now && now.day === day ? " today" : ""),
          title: "Day " + day + (entry.done ? ": done " + entry.done : entry.tasks ? ": started" : ""),
          "aria-label": "Day " + day + (entry.done ? ", done" : entry.tasks ? ", started" : "") }, String(day));
        grid.appendChild(cell);
      }
      section.appendChild(grid);
      container.appendChild(section);
    });

    container.appendChild(settingsForm());
    container.appendChild(transferButtons(container));
  }

  function settingsForm() {
    var form = el("form", { "class": "progress-settings" });
    form.appendChild(el("h3", {}, "Start date and rest days"));
    var label = el("label", { "for": "plan-start" }, "Day 1 is on ");
    var start = el("input", { type: "date", id: "plan-start", name: "start" });
    start.value = state.start || "";
    label.appendChild(start);
    form.appendChild(label);
    var rest = el("fieldset", { "class": "progress-rest-days" });
    rest.appendChild(el("legend", {}, "Rest days (no plan day is scheduled on them)"));
    [1, 2, 3, 4, 5, 6, 0].forEach(function (weekdayNumber) {
      var option = el("label", {});
      var box = el("input", { type: "checkbox", name: "rest", value: String(weekdayNumber) });
      box.checked = state.restDays.indexOf(weekdayNumber) >= 0;
      option.appendChild(box);
      option.appendChild(document.createTextNode(" " + WEEKDAYS[weekdayNumber]));
      rest.appendChild(option);
    });
    form.appendChild(rest);
    var message = el("p", { role: "status", "class": "progress-message" });
    var saveButton = el("button", { type: "submit" }, "Save start date");
    form.appendChild(saveButton);
    form.appendChild(message);
    var now = today();
    if (now.kind === "day") message.textContent = "Today is Day " + now.day + ".";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var restDays = [].slice.call(form.querySelectorAll("input[name=rest]:checked")).map(function (b) { return Number(b.value); });
      if (!isDate(start.value)) { message.textContent = "Pick a start date first."; return; }
      if (restDays.length > 6) { message.textContent = "Leave at least one weekday for the plan."; return; }
      state.start = start.value;
      state.restDays = restDays;
      save();
      var dates = schedule(state.start, state.restDays);
      message.textContent = "Saved. Day 1 is " + readable(dates[1]) + "; Day " + PLAN.lastDay + " is " + readable(dates[PLAN.lastDay]) + ".";
    });
    return form;
  }

  function transferButtons(container) {
    var box = el("div", { "class": "progress-transfer" });
    box.appendChild(el("h3", {}, "Move or back up your progress"));
    var exportButton = el("button", { type: "button" }, "Export progress (JSON)");
    exportButton.addEventListener("click", function () {
      download("ds365-progress-" + todayISO() + ".json", "application/json", JSON.stringify(state, null, 1));
    });
    var importLabel = el("label", { "class": "progress-import" }, "Import a progress file: ");
    var input = el("input", { type: "file", accept: "application/json,.json", name: "import" });
    importLabel.appendChild(input);
    var message = el("p", { role: "status", "class": "progress-import-message" });
    input.addEventListener("change", function () {
      var file = input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { data = undefined; }
        var problem = data === undefined ? "it is not JSON" : problemWith(data);
        if (problem) { message.textContent = "Nothing was changed: " + file.name + " cannot be imported because " + problem + "."; return; }
        state = migrate(data);
        state.restDays = state.restDays || [];
        save();
        progressPage(container);
        container.querySelector(".progress-import-message").textContent = "Imported " + file.name + ".";
      });
    });
    var calendarButton = el("button", { type: "button" }, "Download calendar (.ics)");
    var calendarMessage = el("p", { role: "status" });
    calendarButton.addEventListener("click", function () {
      if (!state.start) { calendarMessage.textContent = "Set and save a start date first."; return; }
      fetch(root() + "plan.json").then(function (r) { return r.json(); }).then(function (planData) {
        download("ds365-plan.ics", "text/calendar", calendar(planData, state.start, state.restDays));
      });
    });
    [exportButton, importLabel, message, calendarButton, calendarMessage].forEach(function (n) { box.appendChild(n); });
    return box;
  }

  /* ---- calendar (RFC 5545) ---------------------------------------------- */

  function escapeText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /* Lines of at most 75 octets; continuation lines start with a space. */
  function fold(line) {
    var encoder = new TextEncoder(), out = [], current = "", limit = 75;
    for (var ch of line) {
      if (encoder.encode(current + ch).length > limit) { out.push(current); current = " "; limit = 75; }
      current += ch;
    }
    out.push(current);
    return out.join("\r\n");
  }

  function calendar(planData, start, restDays) {
    var dates = schedule(start, restDays), stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//365 Days of Data Science//study plan//EN", "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:365 Days of Data Science"];
    planData.days.forEach(function (day) {
      var date = dates[day.day];
      var tasks = day.tasks.map(function (t) { return "- " + (t.track ? t.track + ": " : "") + t.minutes + " min: " + t.text; });
      lines.push("BEGIN:VEVENT", "UID:day-" + day.day + "-" + start + "@365-days-of-data-science", "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + date.replace(/-/g, ""), "DTEND;VALUE=DATE:" + nextDate(date).replace(/-/g, ""),
        "SUMMARY:" + escapeText("Day " + day.day + " \u00b7 " + day.title), "URL:" + day.url,
        "DESCRIPTION:" + escapeText(day.url + "\n\n" + tasks.join("\n")), "TRANSP:TRANSPARENT", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  /* ---- the "today" page ------------------------------------------------- */

  function todayPage(container) {
    var now = today();
    var message = el("p", { role: "status" });
    if (now.kind === "unset") {
      message.textContent = "Set your start date on the progress page, and this link will open the right day.";
    } else if (now.kind === "day") {
      message.textContent = "Opening Day " + now.day + "\u2026";
      window.location.replace(root() + dayPath(now.day));
    } else if (now.kind === "before") {
      message.textContent = "Your plan starts on " + readable(now.date) + ": Day 1 is waiting.";
    } else if (now.kind === "after") {
      message.textContent = "You finished the plan on " + readable(now.date) + ". Well done.";
    } else {
      message.textContent = "Today is a rest day. Next: Day " + now.day + " on " + readable(now.date) + ".";
    }
    container.textContent = "";
    notice(container);
    container.appendChild(message);
    if (now.kind !== "day") {
      var links = el("p");
      links.appendChild(el("a", { href: root() + "progress.html" }, "Your progress and start date"));
      if (now.day) {
        links.appendChild(document.createTextNode(" · "));
        links.appendChild(el("a", { href: root() + dayPath(now.day) }, "Day " + now.day));
      }
      container.appendChild(links);
    }
  }

  /* ---- start ------------------------------------------------------------ */

  window.planProgress = { load: load, problemWith: problemWith, schedule: schedule, calendar: calendar, today: today, FORMAT: FORMAT, STORAGE_KEY: STORAGE_KEY };

  function start() {
    // documentation_options.js declares it with const: a global, but not on window.
    var pagename = typeof DOCUMENTATION_OPTIONS !== "undefined" ? DOCUMENTATION_OPTIONS.pagename : "";
    var match = /^days\/day-(\d{3})$/.exec(pagename);
    if (match) dayPage(Number(match[1]));
    var progress = document.getElementById("plan-progress");
    if (progress) progressPage(progress);
    var todayBox = document.getElementById("plan-today");
    if (todayBox) todayPage(todayBox);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
