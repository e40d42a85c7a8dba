'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { HEAT_RAMP, hexToRgb, rgbToHex, rampColor } = require('./pure.js');

test('hex colours to RGB and back', () => {
  assert.deepEqual(hexToRgb('#fd8d3c'), [253, 141, 60]);
  assert.deepEqual(hexToRgb('#abc'), [170, 187, 204]);
  assert.deepEqual(hexToRgb('nope'), [128, 128, 128]);
  assert.equal(rgbToHex(253, 141, 60), '#fd8d3c');
  assert.equal(rgbToHex(0.4, 255, 15.5), '#00ff10');
});

test('rampColor: the ends, a stop, and halfway between two stops', () => {
  assert.equal(rampColor(HEAT_RAMP, 0), '#ffffb2');
  assert.equal(rampColor(HEAT_RAMP, -1), '#ffffb2');
  assert.equal(rampColor(HEAT_RAMP, 1), '#b10026');
  assert.equal(rampColor(HEAT_RAMP, 0.5), '#fd8d3c'); // stop 3 of 0..6
  // halfway from #ffffb2 (255, 255, 178) to #fed976 (254, 217, 118): (254.5, 236, 148)
  assert.equal(rampColor(HEAT_RAMP, 1 / 12), '#ffec94');
});
