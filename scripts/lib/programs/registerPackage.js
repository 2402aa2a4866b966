'use strict';
// Run on the cached Node of the selected n8n by packageInstall.registerInstalledPackage():
//   node registerPackage.js <sqlite3 module dir> <database file> <JSON {name, version, author, nodes}>
// Writes the installed_packages / installed_nodes rows that n8n's UI install would write.

const [sqliteDir, dbFile, payload] = process.argv.slice(2);
const sqlite3 = require(sqliteDir);
const { name, version, author, nodes } = JSON.parse(payload);

const db = new sqlite3.Database(dbFile);
const query = (sql, params) =>
	new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
const NOW = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";

(async () => {
	await query('BEGIN');
	await query('DELETE FROM installed_nodes WHERE package = ?', [name]);
	await query('DELETE FROM installed_packages WHERE packageName = ?', [name]);
	await query(
		`INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ${NOW}, ${NOW})`,
		[name, version, (author && author.name) || null, (author && author.email) || null],
	);
	for (const node of nodes) {
		await query('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [
			node.displayName,
			node.type,
			node.version,
			name,
		]);
	}
	await query('COMMIT');
	db.close();
})().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
