// Checks patches/azurite+3.37.0+002+sorted-keys.patch: the patched LokiTableMetadataStore must answer exactly what
// it answered before that patch (with patch 001 only), on random writes, transactions rolled back, point reads and
// paged queries (key ranges, property filters, "or", continuation tokens), and upsert N rows in time that grows like N.
//   node patches/check-azurite-sorted-keys.js      (after patch-package; needs `patch`; about 10 s)
// It writes the file as it was before the patch beside the patched one (reversing the patch), and deletes it after.
// Run it when Azurite is upgraded and the patch carried over.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const root = path.join(__dirname, "..");
const persistence = path.join(root, "node_modules", "azurite", "dist", "src", "table", "persistence");
const Patched = require(path.join(persistence, "LokiTableMetadataStore.js")).default;
const unpatched = path.join(persistence, "LokiTableMetadataStore.unpatched.tmp.js");
execFileSync("patch", ["-R", "-p1", "-s", "-o", unpatched, "-i", path.join(__dirname, "azurite+3.37.0+002+sorted-keys.patch")], { cwd: root });
process.on("exit", () => fs.rmSync(unpatched, { force: true }));
const Original = require(unpatched).default;

let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (items) => items[Math.floor(random() * items.length)];
const context = { contextID: "check", xMsRequestID: "check" };
const account = "devstoreaccount1";
const keys = ["", "a", "ab", "b", "b|1", "b|2", "b}", "c", "z", "\u00e9", "\u6f0f\u6c34", "00", "07", "w:1|0", "w:1|9", "w:2|5"];

async function run(Store, script) {
    const store = new Store("check.json", true);
    await store.init();
    await store.createTable(context, { account, table: "t" });
    const out = [];
    for (const step of script) {
        try {
            out.push(JSON.stringify(await step(store)));
        } catch (e) {
            out.push("error " + (e.statusCode || e.message));
        }
    }
    return out;
}

const entity = (pk, rk, value) => ({
    PartitionKey: pk, RowKey: rk, properties: { PartitionKey: pk, RowKey: rk, Value: value },
    lastModifiedTime: "2026-01-01T00:00:00Z", eTag: "W/\"" + value + "\"",
});
const rows = (result) => result[0].map((d) => [d.PartitionKey, d.RowKey, d.properties.Value]).concat([[result[1], result[2]]]);
const quote = (k) => "'" + k.replace(/'/g, "''") + "'";

function randomFilter() {
    const parts = [];
    const n = Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
        const kind = random();
        if (kind < 0.35) {
            parts.push(`PartitionKey ${pick(["eq", "ge", "gt", "le", "lt", "ne"])} ${quote(pick(keys))}`);
        } else if (kind < 0.7) {
            parts.push(`RowKey ${pick(["eq", "ge", "gt", "le", "lt", "ne"])} ${quote(pick(keys))}`);
        } else if (kind < 0.8) {
            parts.push(`${quote(pick(keys))} ${pick(["eq", "ge", "gt", "le", "lt"])} RowKey`);
        } else if (kind < 0.9) {
            parts.push(`Value ${pick(["ge", "lt"])} ${Math.floor(random() * 100)}`);
        } else {
            parts.push(`(PartitionKey eq ${quote(pick(keys))} or RowKey eq ${quote(pick(keys))})`);
        }
    }
    return parts.length === 0 ? undefined : parts.join(" and ");
}

(async () => {
    const script = [];
    for (let i = 0; i < 4000; i++) {
        const pk = pick(keys);
        const rk = pick(keys);
        const value = Math.floor(random() * 100);
        const kind = random();
        if (kind < 0.3) {
            script.push((s) => s.insertOrUpdateTableEntity(context, "t", account, entity(pk, rk, value), undefined, "").then(() => "upsert"));
        } else if (kind < 0.4) {
            script.push((s) => s.insertTableEntity(context, "t", account, entity(pk, rk, value), "").then(() => "insert"));
        } else if (kind < 0.45) {
            script.push((s) => s.insertOrMergeTableEntity(context, "t", account, entity(pk, rk, value), undefined, "").then(() => "merge"));
        } else if (kind < 0.55) {
            script.push((s) => s.deleteTableEntity(context, "t", account, pk, rk, "*", "").then(() => "delete"));
        } else if (kind < 0.62) {
            // A transaction that fails at its last step is rolled back.
            const batch = [entity(pk, rk, value), entity(pk, pick(keys), value + 1)];
            script.push(async (s) => {
                await s.beginBatchTransaction("b");
                let ok = true;
                try {
                    await s.insertOrUpdateTableEntity(context, "t", account, batch[0], undefined, "b");
                    await s.deleteTableEntity(context, "t", account, pk, rk + "-missing", "*", "b");
                } catch {
                    ok = false;
                }
                await s.endBatchTransaction(account, "t", "b", context, ok);
                return ok;
            });
        } else if (kind < 0.7) {
            script.push((s) => s.queryTableEntitiesWithPartitionAndRowKey(context, "t", account, pk, rk, "").then((d) => d && [d.PartitionKey, d.RowKey, d.properties.Value]));
        } else {
            const filter = randomFilter();
            const top = pick([undefined, 1, 2, 5]);
            script.push(async (s) => {
                // Page through every result with the continuation, as a client does.
                const pages = [];
                let next = [undefined, undefined];
                do {
                    const result = await s.queryTableEntities(context, account, "t", { filter, top }, next[0], next[1]);
                    pages.push(rows(result));
                    next = [result[1], result[2]];
                } while (next[0] !== undefined && pages.length < 50);
                return [filter, top, pages];
            });
        }
    }
    const [a, b] = [await run(Original, script), await run(Patched, script)];
    const differing = a.findIndex((x, i) => x !== b[i]);
    if (differing >= 0) {
        console.error(`step ${differing}: unpatched ${a[differing]}\n          patched ${b[differing]}`);
        process.exit(1);
    }
    console.log(`same answers over ${script.length} random steps (${a.filter((x) => x.startsWith("[")).length} paged queries)`);

    // Growth: the time to upsert N rows into 8 partitions, for N and 4N.
    const timeRows = async (n) => {
        const store = new Patched("growth.json", true);
        await store.init();
        await store.createTable(context, { account, table: "g" });
        const start = process.hrtime.bigint();
        for (let i = 0; i < n; i++) {
            const hash = ((i * 2654435761) >>> 0).toString(16).padStart(8, "0");
            await store.insertOrUpdateTableEntity(context, "g", account, entity("0" + (i % 8), "w:" + hash + "|" + i, i), undefined, "");
        }
        await store.queryTableEntities(context, account, "g", { filter: "PartitionKey eq '03' and RowKey ge 'w:8' and RowKey lt 'w:9'", top: 200 });
        return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await timeRows(20000);
    const [small, large] = [await timeRows(50000), await timeRows(200000)];
    console.log(`upserts: 50,000 rows in ${small.toFixed(0)} ms, 200,000 in ${large.toFixed(0)} ms (x${(large / small).toFixed(1)} for x4 rows)`);
    // x4 for linear, x16 for quadratic; garbage collection and a shared machine add to the linear.
    if (large / small > 12) {
        console.error("writes grow faster than the rows written");
        process.exit(1);
    }
})();
