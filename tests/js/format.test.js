'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { str, tpl, groupDigits, decimalDigits, round1, fmtCompact, dayToText, monthText, dayToMonthIndex, monthIndexToDay,
  monthOfYear, dayParts } = require('./pure.js');

const JAN_1_2020 = 18262; // 50 * 365 + 12 leap days (1972 ... 2016)

test('groupDigits groups by threes with the separator it is given', () => {
  assert.equal(groupDigits(1234567, ','), '1,234,567');
  assert.equal(groupDigits(-1234.5, ' '), '-1 234'); // Math.round(-1234.5) is -1234
  assert.equal(groupDigits(999, ','), '999');
  assert.equal(groupDigits(1000, '\u202f'), '1\u202f000');
  assert.equal(groupDigits('x', ','), 'NaN');
});

test('fmtCompact writes at most four characters, rounding down', () => {
  assert.deepEqual([999, 1000, 1234, 9999, 56789, 2500000, 12345678].map(fmtCompact),
    ['999', '1k', '1.2k', '9.9k', '56k', '2.5M', '12M']);
});

test('days since 1970 as dates and months', () => {
  assert.equal(dayToText(0), '1970-01-01');
  assert.equal(dayToText(JAN_1_2020), '2020-01-01');
  assert.equal(dayToText(JAN_1_2020 + 31 + 28), '2020-02-29');
  assert.equal(monthText(JAN_1_2020 + 59), '2020-02');
  assert.equal(dayToMonthIndex(JAN_1_2020), 2020 * 12);
  assert.equal(dayToMonthIndex(JAN_1_2020 - 1), 2019 * 12 + 11);
  assert.equal(monthIndexToDay(2020 * 12), JAN_1_2020);
  assert.equal(monthIndexToDay(2020 * 12 + 1), JAN_1_2020 + 31);
  assert.deepEqual([monthOfYear(2020 * 12), monthOfYear(2020 * 12 + 11), monthOfYear(-1)], [1, 12, 12]);
  assert.deepEqual(dayParts(JAN_1_2020 + 59), ['29', 2, 2020]);
});

test('str, tpl and round1', () => {
  assert.deepEqual([str(null), str(undefined), str(0), str('a')], ['', '', '0', 'a']);
  assert.equal(tpl('{n} of {total}', { n: 3 }), '3 of {total}');
  assert.equal(tpl('{n} events', null), '{n} events');
  assert.equal(round1(0.05), 0.1);
  assert.equal(round1(12.34), 12.3);
});

test('decimalDigits: the decimals, grouping and decimal mark of a language', () => {
  assert.equal(decimalDigits(1.8, 2, ',', '.'), '1.80');
  assert.equal(decimalDigits(1.8, 2, '\u202f', ','), '1,80');
  assert.equal(decimalDigits(1234567.891, 1, '\u202f', ','), '1\u202f234\u202f567,9');
  assert.equal(decimalDigits(-0.02, 2, ',', '.'), '-0.02');
  assert.equal(decimalDigits(-0.001, 2, ',', '.'), '0.00'); // no "-0.00"
  assert.equal(decimalDigits(1359.4, 0, ',', '.'), '1,359');
});

test('textPieces cuts only long words, between grapheme clusters, and joins back exactly', () => {
  const { textPieces } = require('./pure.js');
  assert.deepEqual(textPieces('Clash near Gao'), ['Clash near Gao']);
  assert.deepEqual(textPieces(''), ['']);
  assert.deepEqual(textPieces(null), ['']);
  const word = 'A'.repeat(64);
  assert.deepEqual(textPieces('x ' + word), ['x ' + word]); // 64 is still a word
  const long = 'note: ' + 'A'.repeat(100) + ' end';
  const pieces = textPieces(long);
  assert.deepEqual(pieces.map((p) => p.length), [6, 32, 32, 32, 4, 4]);
  assert.equal(pieces.join(''), long);
  // an accent or an emoji made of several code points stays with its letter
  const marks = 'e\u0301'.repeat(40) + '\u{1F469}\u200D\u{1F52C}'.repeat(40);
  const cut = textPieces(marks);
  assert.equal(cut.join(''), marks);
  assert.ok(cut.every((p) => !/^[\u0301\u200D\uDC00-\uDFFF]/.test(p)), 'no piece starts inside a cluster');
  assert.equal(cut.length, 3); // 80 clusters in pieces of 32
});
