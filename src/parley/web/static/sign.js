// Signing in the office: the key file is read here with FileReader and never sent. For each
// entry the server prepares, the browser signs its hash (WebCrypto Ed25519) and commits the
// signature; a head that moved meanwhile (409) means: prepare again.
(function () {
  "use strict";
  const panel = document.getElementById("sign-panel");
  if (!panel) return;
  const signer = panel.dataset.signer;
  const status = document.getElementById("sign-status");
  const input = document.getElementById("key-file");

  const say = (text, tone) => {
    status.textContent = text;
    status.className = tone ? "notice " + tone : "";
  };
  const bytes = (hex) => {
    if (!/^([0-9a-f]{2})+$/.test(hex)) throw new Error("not hex: " + hex.slice(0, 12) + "…");
    return Uint8Array.from(hex.match(/../g), (b) => parseInt(b, 16));
  };
  const hexOf = (buffer) =>
    Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  const base64url = (data) =>
    btoa(String.fromCharCode(...data)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  // The entry as the ledger hashes it (docs/events.md): keys sorted, no spaces, UTF-8.
  const canonical = (value) => {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort()
        .map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
    }
    return JSON.stringify(value);
  };

  // The office signs only what it has read: the hash must be the entry's own, the entry the
  // kind asked for, by this office, in this stage.
  async function check(entry, action, stage) {
    const body = canonical({ seq: entry.seq, prev_hash: entry.prev_hash, type: entry.type,
                             payload: entry.payload });
    const digest = hexOf(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
    const type = action === "handover" ? "handover" : "handover.confirmed";
    const p = entry.payload || {};
    const ours = action === "handover" ? p.from === signer && String(p.stage) === String(stage)
                                       : p.signer === signer;
    if (digest !== entry.hash || entry.type !== type || entry.signer !== signer || !ours) {
      throw new Error("the entry the server sent is not the one asked for: nothing was signed");
    }
  }

  function readFile(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(new Error("the key file cannot be read"));
      reader.readAsText(file);
    });
  }

  async function loadKey() {
    if (!window.isSecureContext || !window.crypto || !crypto.subtle) {
      throw new Error("the browser signs only on a secure page: open the service over HTTPS");
    }
    const file = input.files && input.files[0];
    if (!file) throw new Error("pick your key file first");
    let data;
    try {
      data = JSON.parse(await readFile(file));
    } catch (e) {
      throw new Error(file.name + " is not a Parley key file");
    }
    if (data.signer !== signer) {
      throw new Error(file.name + " is " + data.signer + "'s key: sign with " + signer + "'s");
    }
    const pub = bytes(String(data.public_key || "")), priv = bytes(String(data.private_key || ""));
    if (pub.length !== 32 || priv.length !== 32) throw new Error(file.name + ": not Ed25519 keys");
    const jwk = { kty: "OKP", crv: "Ed25519", d: base64url(priv), x: base64url(pub) };
    const key = await crypto.subtle.importKey("jwk", jwk, { name: "Ed25519" }, false, ["sign"]);
    return { key: key, publicKey: data.public_key };
  }

  async function post(path, body) {
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const answer = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await answer.json(); } catch (e) { /* no JSON body */ }
    return { status: answer.status, data: data };
  }

  const detail = (data) => {
    const d = data && data.detail;
    return Array.isArray(d) ? d.map((x) => x.msg).join("; ") : String(d || "");
  };

  async function sign(action, stage, key) {
    const base = "/api/v1/stages/" + encodeURIComponent(stage) + "/" + action;
    const ask = action === "handover" ? { persons: null, absent: [] } : {};
    let signed = 0, retries = 0;
    for (;;) {
      const prepared = await post(base + "/prepare", ask);
      if (prepared.status === 422 && signed > 0) return signed; // nothing left to sign
      if (prepared.status !== 200) throw new Error(detail(prepared.data) || "prepare: " + prepared.status);
      const entry = prepared.data;
      await check(entry, action, stage);
      const signature = await crypto.subtle.sign({ name: "Ed25519" }, key.key, bytes(entry.hash));
      const done = await post(base + "/commit",
        { hash: entry.hash, signature: hexOf(signature), public_key: key.publicKey });
      if (done.status === 409) {
        if (++retries > 20) throw new Error("the ledger keeps moving: try again later");
        continue; // someone appended first: prepare against the new head
      }
      if (done.status !== 200) throw new Error(detail(done.data) || "commit: " + done.status);
      signed += 1;
      say("Signed " + signed + " of " + (signed + entry.remaining) + " (entry " + done.data.seq + ")…");
    }
  }

  function refresh() {
    // The stages as the server now sees them, swapped in place; the picked key file stays.
    return htmx.ajax("GET", window.location.pathname,
      { target: "#stages-state", select: "#stages-state", swap: "outerHTML" });
  }

  function enable() {
    document.querySelectorAll("button.sign").forEach((b) => { b.disabled = false; });
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button.sign");
    if (!button) return;
    const all = document.querySelectorAll("button.sign");
    all.forEach((b) => { b.disabled = true; });
    try {
      const key = await loadKey();
      const stage = button.dataset.stage, action = button.dataset.action;
      say("Signing stage " + stage + "…");
      const n = await sign(action, stage, key);
      await refresh();
      say("Done: " + n + " entr" + (n === 1 ? "y" : "ies") + " signed as " + signer +
          " for stage " + stage + ".", "ok");
    } catch (error) {
      say("Not signed: " + error.message, "bad");
    } finally {
      enable();
    }
  });
  document.addEventListener("htmx:afterSettle", enable);
  enable();
})();
