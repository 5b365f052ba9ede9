PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`channel` text NOT NULL,
	`subscriber_id` text,
	`address` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`vars` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`reason` text,
	`provider_code` text,
	`provider_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`token` text NOT NULL,
	`is_test` integer DEFAULT false NOT NULL,
	`resend_of` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`sent_at` text,
	`done_at` text,
	`opened_at` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "campaign_id", "channel", "subscriber_id", "address", "name", "vars", "status", "reason", "provider_code", "provider_id", "attempts", "next_attempt_at", "token", "is_test", "resend_of", "created_at", "updated_at", "sent_at", "done_at", "opened_at") SELECT "id", "campaign_id", "channel", "subscriber_id", "address", "name", "vars", "status", "reason", "provider_code", "provider_id", "attempts", "next_attempt_at", "token", "is_test", "resend_of", "created_at", "updated_at", "sent_at", "done_at", "opened_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `outbox_campaign_state_idx` ON `outbox` (`campaign_id`,`is_test`,`channel`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_subscriber_idx` ON `outbox` (`subscriber_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_token_uq` ON `outbox` (`token`);