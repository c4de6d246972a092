#!/usr/bin/env python3
"""Binary-input fuzzing of roleext's types (doc/reliability.md).

Writes COPY ... (FORMAT binary) files of one row (id int4, v <type>) each,
whose v is a valid value's binary form mutated, a value built field by field
with edge cases (type-aware), or random bytes, for every type with a binary
recv: rolelevel, rolecode, soccode, confidence, rolecoord.  test/reliability/
recv_fuzz.sh loads each file with psql's \\copy and checks that the server
never crashes, that every refusal carries a SQLSTATE of class 22 (data
exception: 22P03 invalid_binary_representation, 22P04 bad COPY file
format ...), and that every value recv accepted survives text output and
input unchanged.

  recv_fuzz.py gen SEEDDIR OUTDIR CASES_PER_TYPE SEED  -> OUTDIR/cases.sql
  (SEEDDIR/<type>.bin: valid values, COPY binary, from the server)
"""
import os
import random
import struct
import sys

TYPES = ['rolelevel', 'rolecode', 'soccode', 'confidence', 'rolecoord']
SIGNATURE = b'PGCOPY\n\xff\r\n\x00'
HEADER = SIGNATURE + struct.pack('!ii', 0, 0)
TRAILER = struct.pack('!h', -1)


def read_copy(path):
    """The field lists of the rows of a binary COPY file."""
    data = open(path, 'rb').read()
    assert data.startswith(SIGNATURE), path
    pos = len(SIGNATURE) + 4
    ext, = struct.unpack_from('!i', data, pos)
    pos += 4 + ext
    rows = []
    while True:
        n, = struct.unpack_from('!h', data, pos)
        pos += 2
        if n == -1:
            return rows
        fields = []
        for _ in range(n):
            ln, = struct.unpack_from('!i', data, pos)
            pos += 4
            if ln == -1:
                fields.append(None)
            else:
                fields.append(data[pos:pos + ln])
                pos += ln
        rows.append(fields)


def row(case_id, payload, length=None):
    if length is None:
        length = len(payload)
    return (struct.pack('!h', 2) + struct.pack('!i', 4) + struct.pack('!i', case_id)
            + struct.pack('!i', length) + payload)


INT_EDGES = [0, 1, -1, 2**31 - 1, -2**31, 255, 256, 65535, 65536, 0x7f7f7f7f, 0x80000000 - 2]
FLOAT_EDGES = [0.0, -0.0, 1.0, 2.5, -1.0, 1e308, -1e308, 5e-324, float('inf'), float('-inf'),
               float('nan'), 1e15, 99.99, 100.0, 1000.0]


def text_bytes(rng):
    alphabet = [b'A', b'Z', b'a', b'z', b'0', b'9', b'.', b'_', b'-', b'@', b' ', b'\x00', b'\xff',
                b'\xc3\xa9', b'\xe2\x80\x93', b'\xc3', b'..', b'\t', b'%']
    return b''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))


def structured(t, rng):
    """A value built field by field from edge cases."""
    if t in ('rolelevel', 'soccode'):
        return struct.pack('!I', rng.choice(INT_EDGES) & 0xffffffff if rng.random() < 0.6
                           else rng.getrandbits(32))
    if t == 'confidence':
        return struct.pack('!H', rng.choice([0, 1, 9999, 10000, 10001, 32767, 32768, 65535,
                                             rng.getrandbits(16)]))
    if t == 'rolecode':
        return bytes([rng.choice([0, 1, 1, 1, 2, 255])]) + text_bytes(rng)
    # rolecoord: float8 grade, then the path text
    return struct.pack('!d', rng.choice(FLOAT_EDGES)) + text_bytes(rng)


def mutate(payload, rng, others):
    b = bytearray(payload)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(9)
        if op == 0 and b:                                  # flip a bit
            i = rng.randrange(len(b)); b[i] ^= 1 << rng.randrange(8)
        elif op == 1 and b:                                # set a byte to an edge value
            b[rng.randrange(len(b))] = rng.choice([0, 1, 0x7f, 0x80, 0xff, ord('.'), ord('@')])
        elif op == 2 and b:                                # truncate
            del b[rng.randrange(len(b)):]
        elif op == 3:                                      # extend
            b += bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 16)))
        elif op == 4 and b:                                # duplicate a slice
            i = rng.randrange(len(b)); b[i:i] = b[i:i + rng.randint(1, 8)]
        elif op == 5:                                      # another type's bytes
            b = bytearray(rng.choice(others))
        elif op == 6 and len(b) >= 2:                      # swap two bytes
            i, j = rng.randrange(len(b)), rng.randrange(len(b)); b[i], b[j] = b[j], b[i]
        elif op == 7 and b:                                # insert a NUL or high byte
            b.insert(rng.randrange(len(b) + 1), rng.choice([0, 0x80, 0xc3, 0xff]))
        else:                                              # drop a byte
            if b:
                del b[rng.randrange(len(b))]
    return bytes(b)


def gen(seeddir, outdir, cases, seed):
    rng = random.Random(seed)
    seeds = {t: [f[1] for f in read_copy(os.path.join(seeddir, t + '.bin'))] for t in TYPES}
    everything = [p for t in TYPES for p in seeds[t]]
    script = ['\\set VERBOSITY verbose', '\\set ON_ERROR_STOP off']
    case_id = 0
    for t in TYPES:
        for i in range(cases):
            case_id += 1
            r = rng.random()
            length = None
            if r < 0.45:
                payload = mutate(rng.choice(seeds[t]), rng, everything)
            elif r < 0.75:
                payload = structured(t, rng)
            elif r < 0.9:
                payload = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 48)))
            elif r < 0.95:
                payload = rng.choice(seeds[t])                  # valid, as a control
            else:                                               # a length that lies
                payload = rng.choice(seeds[t])
                length = len(payload) + rng.choice([-3, -1, 1, 7])
            name = os.path.join(outdir, 'case_%s_%d.bin' % (t, i))
            with open(name, 'wb') as f:
                f.write(HEADER + row(case_id, payload, length) + TRAILER)
            script.append('\\echo case %d %s' % (case_id, t))
            script.append("\\copy fuzz_%s FROM '%s' WITH (FORMAT binary)" % (t, name))
    with open(os.path.join(outdir, 'cases.sql'), 'w') as f:
        f.write('\n'.join(script) + '\n')


if __name__ == '__main__':
    if sys.argv[1] == 'gen':
        gen(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
