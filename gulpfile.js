const { src, dest } = require('gulp');

/** Copies what tsc does not: icons and static JSON (codex files) into dist, keeping their paths. */
function build() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg,json}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.build = build;
exports.default = build;
