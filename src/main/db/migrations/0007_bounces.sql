CREATE TABLE `bounce_mailbox_state` (
	`mailbox` text PRIMARY KEY NOT NULL,
	`uid_validity` text NOT NULL,
	`last_uid` integer DEFAULT 0 NOT NULL,
	`last_poll_at` text,
	`last_result` text
);
--> statement-breakpoint
CREATE TABLE `bounces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`email` text,
	`status` text,
	`diagnostic` text,
	`outbox_id` integer,
	`campaign_id` text,
	`subscriber_id` text,
	`matched_by` text,
	`marked_invalid` integer DEFAULT false NOT NULL,
	`report_key` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolved_note` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bounces_report_uq` ON `bounces` (`report_key`);--> statement-breakpoint
CREATE INDEX `bounces_open_idx` ON `bounces` (`resolved_at`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `bounces_subscriber_idx` ON `bounces` (`subscriber_id`);