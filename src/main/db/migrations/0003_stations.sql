CREATE TABLE `station_aliases` (
	`remote_station_id` text NOT NULL,
	`remote_id` text NOT NULL,
	`local_id` text NOT NULL,
	`merged` integer DEFAULT false NOT NULL,
	`remote_version` integer NOT NULL,
	`remote_updated_at` text NOT NULL,
	`base` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`remote_station_id`, `remote_id`)
);
--> statement-breakpoint
CREATE INDEX `station_aliases_remote_idx` ON `station_aliases` (`remote_id`);--> statement-breakpoint
CREATE INDEX `station_aliases_local_idx` ON `station_aliases` (`local_id`);--> statement-breakpoint
CREATE TABLE `station_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`local_station_id` text,
	`package_seq` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`local_value` text,
	`incoming_value` text,
	`chosen` text NOT NULL,
	`reason` text NOT NULL,
	`resolved` integer DEFAULT false NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`created_at` text NOT NULL,
	`dedupe_key` text NOT NULL,
	FOREIGN KEY (`local_station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_conflicts_dedupe_uq` ON `station_conflicts` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `station_conflicts_open_idx` ON `station_conflicts` (`resolved`,`id`);--> statement-breakpoint
CREATE TABLE `station_exports` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`to_remote_id` text,
	`created_at` text NOT NULL,
	`from_mark` text,
	`mark` text,
	`counts` text NOT NULL,
	`file_hash` text NOT NULL,
	`file_name` text NOT NULL,
	`bytes` integer NOT NULL,
	`status` text NOT NULL,
	`confirmed_at` text,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `station_exports_kind_idx` ON `station_exports` (`kind`,`status`,`seq`);--> statement-breakpoint
CREATE TABLE `station_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`remote_id` text NOT NULL,
	`local_station_id` text,
	`seq` integer NOT NULL,
	`file_hash` text NOT NULL,
	`package_created_at` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text,
	`counts` text NOT NULL,
	`mark` text,
	FOREIGN KEY (`local_station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_imports_pkg_uq` ON `station_imports` (`remote_id`,`kind`,`seq`,`file_hash`);--> statement-breakpoint
CREATE INDEX `station_imports_station_idx` ON `station_imports` (`local_station_id`,`imported_at`);--> statement-breakpoint
CREATE TABLE `station_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `station_peers` (
	`remote_id` text PRIMARY KEY NOT NULL,
	`local_station_id` text NOT NULL,
	`role` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`paired_at` text NOT NULL,
	`paired_by` text,
	FOREIGN KEY (`local_station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_peers_local_uq` ON `station_peers` (`local_station_id`);--> statement-breakpoint
CREATE TABLE `station_received` (
	`entity` text NOT NULL,
	`id` text NOT NULL,
	PRIMARY KEY(`entity`, `id`)
);
