// Azurite's Table service (the repository's node_modules/azurite, patched as patches/ says), in memory, in this
// process, plus a bulk-load door for the search benchmark: POST http://127.0.0.1:{loadPort}/{table} with one row a
// line, "PartitionKey<TAB>RowKey", upserts each row into the table through the same steps an Insert Or Replace Entity
// request takes in Azurite (the entity built as TableHandler.createPersistedEntity builds it, NormalizedEntity's
// checks, LokiTableMetadataStore.insertOrUpdateTableEntity), without the HTTP and batch parsing around them, which
// cost about 85 µs a row on this machine: 9 million index rows (100,000 complaints) would take more than an hour.
// Rows without columns only: the search index's. Everything else goes to the Table service's own port.
//   node --max-old-space-size=12000 azurite-tables.js
// prints "tables <port> load <port>" when both listen; stops on SIGINT/SIGTERM.
"use strict";
const http = require("http");
const path = require("path");
const root = path.join(__dirname, "..", "..", "node_modules", "azurite", "dist", "src");
const TableServer = require(path.join(root, "table", "TableServer")).default;
const TableConfiguration = require(path.join(root, "table", "TableConfiguration")).default;
const { NormalizedEntity } = require(path.join(root, "table", "entity", "NormalizedEntity"));
const { newTableEntityEtag } = require(path.join(root, "table", "utils", "utils"));
const { truncatedISO8061Date } = require(path.join(root, "common", "utils", "utils"));

const account = "devstoreaccount1";

(async () => {
    // host, port (0: any free), keep-alive, db path (unused in memory), debug log, access log, access log stream,
    // debug log path, loose, skip API version check, cert, key, pwd, oauth, disable product-style URL, in memory.
    const config = new TableConfiguration("127.0.0.1", 0, undefined, "unused.json", false, false, undefined, undefined, true, true, "", "", "", undefined, false, true);
    const server = new TableServer(config);
    await server.start();
    const store = server.metadataStore;
    const context = { contextID: "bulk-load", xMsRequestID: "bulk-load", startTime: new Date() };

    const load = http.createServer((request, response) => {
        const table = decodeURIComponent(request.url.slice(1));
        const chunks = [];
        request.on("data", (chunk) => chunks.push(chunk));
        request.on("end", async () => {
            try {
                // One timestamp a request, as every row of one transaction gets its request's.
                const modTime = truncatedISO8061Date(new Date(), true, true);
                const eTag = newTableEntityEtag(modTime);
                let rows = 0;
                for (const line of Buffer.concat(chunks).toString("utf8").split("\n")) {
                    if (line === "") {
                        continue;
                    }
                    const tab = line.indexOf("\t");
                    const partitionKey = line.slice(0, tab);
                    const rowKey = line.slice(tab + 1);
                    const entity = {
                        PartitionKey: partitionKey,
                        RowKey: rowKey,
                        properties: { PartitionKey: partitionKey, RowKey: rowKey },
                        lastModifiedTime: modTime,
                        eTag,
                    };
                    new NormalizedEntity(entity).normalize();
                    await store.insertOrUpdateTableEntity(context, table, account, entity, undefined, "");
                    rows++;
                }
                response.writeHead(200, { "content-type": "text/plain" }).end(String(rows));
            } catch (e) {
                response.writeHead(500, { "content-type": "text/plain" }).end(String(e && (e.message || e.statusCode)));
            }
        });
    });
    await new Promise((resolve) => load.listen(0, "127.0.0.1", resolve));
    console.log(`tables ${server.httpServer.address().port} load ${load.address().port}`);
    const stop = () => {
        load.close();
        server.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop).once("SIGTERM", stop);
})().catch((e) => {
    console.error(`azurite-tables: ${e.stack || e}`);
    process.exit(1);
});
