#!/usr/bin/env node
// Texts the locally running app as Twilio would: posts the incoming-message webhook to
// http://localhost:7071/api/inbound/sms/twilio, signed (X-Twilio-Signature: HMAC-SHA1 with the auth token over the URL
// and the sorted form fields) with the account in local.settings.json. Prints the app's TwiML answer.
//   node scripts/text.mjs FROM TO "text"      e.g. node scripts/text.mjs 13124584567 +8610655000000 "宽带断了三天"
// With --picture FILE (repeatable) the text is an MMS: each file is first handed to the Twilio fake, which keeps it as
// Twilio keeps an incoming message's media, and the webhook names it in MediaUrl{N} / MediaContentType{N}.
//   node scripts/text.mjs --picture meter.jpg +447700900123 +14155550100 "The meter reads wrong"
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { extname } from "node:path";

const args = process.argv.slice(2);
const pictures = [];
for (let i = args.indexOf("--picture"); i >= 0; i = args.indexOf("--picture")) {
  pictures.push(args[i + 1]);
  args.splice(i, 2);
}
const [from, to, ...words] = args;
if (!from || !to || (words.length === 0 && pictures.length === 0) || pictures.some(p => !p)) {
  console.error('usage: node scripts/text.mjs [--picture FILE]... FROM TO "text"');
  process.exit(2);
}
const settings = JSON.parse(readFileSync(new URL("../local.settings.json", import.meta.url), "utf8")).Values;
const base = process.env.APP_URL || "http://localhost:7071";
const twilio = (settings.ComplaintFlow__Twilio__BaseUrl || "http://127.0.0.1:7072").replace(/\/$/, "");
const url = `${base}/api/inbound/sms/twilio`;
// Twilio names a message with media MM..., a plain text SM...
const sid = (pictures.length > 0 ? "MM" : "SM") + randomBytes(16).toString("hex");
const types = { ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".mp4": "video/mp4", ".pdf": "application/pdf" };
const form = {
  MessageSid: sid, SmsSid: sid, AccountSid: settings.ComplaintFlow__Twilio__AccountSid,
  From: from, To: to, Body: words.join(" "), NumMedia: String(pictures.length), ApiVersion: "2010-04-01",
};
for (const [n, file] of pictures.entries()) {
  const type = types[extname(file).toLowerCase()] || "application/octet-stream";
  const kept = await fetch(`${twilio}/fake/twilio/media/${sid}`, { method: "POST", headers: { "Content-Type": type }, body: readFileSync(file) });
  if (!kept.ok) {
    console.error(`The Twilio fake at ${twilio} did not keep ${file}: ${kept.status}`);
    process.exit(1);
  }
  const media = await kept.json();
  form[`MediaUrl${n}`] = media.url;
  form[`MediaContentType${n}`] = media.content_type;
}
const signed = url + Object.keys(form).sort().map(k => k + form[k]).join("");
const signature = createHmac("sha1", settings.ComplaintFlow__Twilio__AuthToken).update(signed, "utf8").digest("base64");
const response = await fetch(url, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
  body: new URLSearchParams(form),
});
console.log(`${response.status} ${sid}\n${await response.text()}`);
