// Each installation's Ed25519 key pair, and the public keys of the installations it is paired with.
import {
  type KeyObject,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
} from 'node:crypto';
import type Database from 'better-sqlite3';

export interface OwnKey {
  publicKey: KeyObject;
  privateKey: KeyObject;
  publicDer: string;
  fingerprint: string;
}

export interface PeerRecord {
  remoteId: string;
  localStationId: string;
  role: 'hq' | 'station';
  code: string;
  name: string;
  publicKey: string;
  fingerprint: string;
  pairedAt: string;
  pairedBy: string | null;
}

/** Short, readable over the phone: the first 80 bits of SHA-256(SPKI), in groups of four. */
export function fingerprintOf(spkiBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex').toUpperCase();
  return hex.slice(0, 20).match(/.{4}/g)!.join('-');
}

export function publicKeyFrom(spkiBase64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
}

const PEER_COLS = `remote_id AS remoteId, local_station_id AS localStationId, role, code, name,
  public_key AS publicKey, fingerprint, paired_at AS pairedAt, paired_by AS pairedBy`;

export class StationKeys {
  private cached: OwnKey | null = null;

  constructor(
    private sqlite: Database.Database,
    private now: () => Date,
  ) {}

  has(): boolean {
    return !!this.sqlite.prepare("SELECT 1 FROM station_keys WHERE id = 'self'").get();
  }

  /** The key pair, made on first use (pairing or the first package). */
  own(): OwnKey {
    if (this.cached) return this.cached;
    let row = this.sqlite
      .prepare("SELECT public_key AS pub, private_key AS priv FROM station_keys WHERE id = 'self'")
      .get() as { pub: string; priv: string } | undefined;
    if (!row) {
      const kp = generateKeyPairSync('ed25519');
      row = {
        pub: kp.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        priv: kp.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      };
      this.sqlite
        .prepare(
          "INSERT INTO station_keys (id, public_key, private_key, fingerprint, created_at) VALUES ('self', ?, ?, ?, ?)",
        )
        .run(row.pub, row.priv, fingerprintOf(row.pub), this.now().toISOString());
    }
    this.cached = {
      publicKey: publicKeyFrom(row.pub),
      privateKey: createPrivateKey({ key: Buffer.from(row.priv, 'base64'), format: 'der', type: 'pkcs8' }),
      publicDer: row.pub,
      fingerprint: fingerprintOf(row.pub),
    };
    return this.cached;
  }

  fingerprint(): string | null {
    return this.has() ? this.own().fingerprint : null;
  }

  peer(remoteId: string): PeerRecord | undefined {
    return this.sqlite.prepare(`SELECT ${PEER_COLS} FROM station_peers WHERE remote_id = ?`).get(remoteId) as
      | PeerRecord
      | undefined;
  }

  peerByLocal(localStationId: string): PeerRecord | undefined {
    return this.sqlite
      .prepare(`SELECT ${PEER_COLS} FROM station_peers WHERE local_station_id = ?`)
      .get(localStationId) as PeerRecord | undefined;
  }

  peers(): PeerRecord[] {
    return this.sqlite
      .prepare(`SELECT ${PEER_COLS} FROM station_peers ORDER BY role, code`)
      .all() as PeerRecord[];
  }

  /** Registers (or re-keys) a peer; an earlier pairing of the same station is replaced. */
  savePeer(p: PeerRecord): { replaced: boolean } {
    const old =
      this.peerByLocal(p.localStationId) ??
      (this.peer(p.remoteId) as PeerRecord | undefined) ??
      (p.role === 'hq' ? this.peers().find((x) => x.role === 'hq') : undefined);
    const tx = this.sqlite.transaction(() => {
      if (old)
        this.sqlite
          .prepare('DELETE FROM station_peers WHERE remote_id = ? OR local_station_id = ?')
          .run(old.remoteId, p.localStationId);
      this.sqlite
        .prepare(
          `INSERT INTO station_peers (remote_id, local_station_id, role, code, name, public_key, fingerprint, paired_at, paired_by)
          VALUES (@remoteId, @localStationId, @role, @code, @name, @publicKey, @fingerprint, @pairedAt, @pairedBy)`,
        )
        .run(p);
    });
    tx();
    return { replaced: !!old && (old.publicKey !== p.publicKey || old.remoteId !== p.remoteId) };
  }
}
