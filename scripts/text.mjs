#!/usr/bin/env node
// Texts the locally running app as Twilio would: posts the incoming-message webhook to
// http://localhost:7071/api/inbound/sms/twilio, signed (X-Twilio-Signature: HMAC-SHA1 with the auth token over the URL
// and the sorted form fields) with the account in local.settings.json. Prints the app's TwiML answer.
//   node scripts/text.mjs FROM TO "text"      e.g. node scripts/text.mjs 13124584567 +8610655000000 "宽带断了三天"
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

const [from, to, ...words] = process.argv.slice(2);
if (!from || !to || words.length === 0) {
  console.error('usage: node scripts/text.mjs FROM TO "text"');
  process.exit(2);
}
const settings = JSON.parse(readFileSync(new URL("../local.settings.json", import.meta.url), "utf8")).Values;
const base = process.env.APP_URL || "http://localhost:7071";
const url = `${base}/api/inbound/sms/twilio`;
const sid = "SM" + randomBytes(16).toString("hex");
const form = {
  MessageSid: sid, SmsSid: sid, AccountSid: settings.ComplaintFlow__Twilio__AccountSid,
  From: from, To: to, Body: words.join(" "), NumMedia: "0", ApiVersion: "2010-04-01",
};
const signed = url + Object.keys(form).sort().map(k => k + form[k]).join("");
const signature = createHmac("sha1", settings.ComplaintFlow__Twilio__AuthToken).update(signed, "utf8").digest("base64");
const response = await fetch(url, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
  body: new URLSearchParams(form),
});
console.log(`${response.status} ${sid}\n${await response.text()}`);
