/* The console's little script: confirm risky actions, and stop double submits. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  if (form.dataset.submitted === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
  // Disabled after the browser has read the form, so a named button still sends its value.
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
  }, 0);
});

/* The institution picker: type a name, pinyin initials or a code; pick one of the matches.
   The hidden field carries the chosen institution; editing the text clears it. */
(function () {
  function render(picker, items) {
    var list = picker.querySelector(".picker-results");
    list.textContent = "";
    items.forEach(function (item) {
      var option = document.createElement("li");
      option.setAttribute("role", "option");
      option.tabIndex = 0;
      option.className = "picker-option";
      option.dataset.id = item.id;
      option.dataset.name = item.name;
      option.textContent = item.name + (item.district ? "（" + item.district + "）" : "") +
        (item.status_label ? " · " + item.status_label : "");
      list.appendChild(option);
    });
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = "没有匹配的机构";
      list.appendChild(none);
    }
    list.hidden = false;
  }

  function choose(picker, option) {
    picker.querySelector(".picker-value").value = option.dataset.id;
    picker.querySelector(".picker-input").value = option.dataset.name;
    picker.querySelector(".picker-results").hidden = true;
    picker.dispatchEvent(new CustomEvent("picked", { bubbles: true }));
  }

  function setUp(picker) {
    var input = picker.querySelector(".picker-input");
    var timer = null;
    input.addEventListener("input", function () {
      picker.querySelector(".picker-value").value = "";
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (!text) {
        picker.querySelector(".picker-results").hidden = true;
        return;
      }
      timer = window.setTimeout(function () {
        fetch(picker.dataset.picker + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (body) { if (input.value.trim() === text) render(picker, body.items || []); });
      }, 200);
    });
    picker.addEventListener("click", function (event) {
      var option = event.target.closest(".picker-option");
      if (option) choose(picker, option);
    });
    picker.addEventListener("keydown", function (event) {
      var option = event.target.closest(".picker-option");
      if (option && event.key === "Enter") {
        event.preventDefault();
        choose(picker, option);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-picker]").forEach(setUp);
    document.querySelectorAll("[data-multi]").forEach(function (multi) {
      multi.addEventListener("picked", function (event) {
        var picker = event.target;
        var id = picker.querySelector(".picker-value").value;
        var name = picker.querySelector(".picker-input").value;
        var chosen = multi.querySelector(".chosen");
        if (id && !chosen.querySelector("input[value='" + id + "']")) {
          var item = document.createElement("li");
          var label = document.createElement("label");
          var box = document.createElement("input");
          label.className = "check";
          box.type = "checkbox";
          box.name = multi.dataset.multi;
          box.value = id;
          box.checked = true;
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + name));
          item.appendChild(label);
          chosen.appendChild(item);
        }
        picker.querySelector(".picker-value").value = "";
        picker.querySelector(".picker-input").value = "";
      });
    });
    // Phones show tables as cards: each cell is labelled with its column's header.
    document.querySelectorAll("table.grid").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.replace(/[↑↓]/g, "").trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (!cell.hasAttribute("data-label") && heads[i] && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", heads[i]);
          }
        });
      });
    });
    // On a phone the list's filters fold away unless the list is filtered.
    var filters = document.getElementById("filter-box");
    if (filters && window.matchMedia("(max-width: 760px)").matches &&
        filters.querySelector("summary").textContent.indexOf("已筛选") < 0) {
      filters.open = false;
    }
    var toggle = document.querySelector(".nav-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = document.body.classList.toggle("nav-open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
  });
})();
