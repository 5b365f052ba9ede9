CREATE TABLE `optout_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`channel` text NOT NULL,
	`field_ids` text,
	`withdrawn` integer DEFAULT 0 NOT NULL,
	`campaign_id` text,
	`at` text NOT NULL,
	`user_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `optout_messages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `optout_applications_uq` ON `optout_applications` (`message_id`,`subscriber_id`,`channel`);--> statement-breakpoint
CREATE INDEX `optout_applications_subscriber_idx` ON `optout_applications` (`subscriber_id`,`at`);--> statement-breakpoint
CREATE INDEX `optout_applications_at_idx` ON `optout_applications` (`at`);--> statement-breakpoint
CREATE TABLE `optout_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`source` text NOT NULL,
	`source_detail` text,
	`provider_id` text,
	`sender` text,
	`mobile` text,
	`email` text,
	`text` text DEFAULT '' NOT NULL,
	`received_at` text NOT NULL,
	`time_known` integer DEFAULT true NOT NULL,
	`status` text NOT NULL,
	`code` text NOT NULL,
	`reason` text,
	`scope` text DEFAULT 'all' NOT NULL,
	`field_ids` text NOT NULL,
	`channel` text DEFAULT 'sms' NOT NULL,
	`matched_ids` text NOT NULL,
	`suppressed` integer DEFAULT false NOT NULL,
	`resolved_by` text,
	`resolved_at` text,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `optout_messages_dedupe_uq` ON `optout_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `optout_messages_status_idx` ON `optout_messages` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `optout_messages_mobile_idx` ON `optout_messages` (`mobile`);--> statement-breakpoint
CREATE INDEX `optout_messages_received_idx` ON `optout_messages` (`received_at`);--> statement-breakpoint
CREATE TABLE `optout_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`subscriber_id` text,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`body` text NOT NULL,
	`campaign_id` text,
	`due_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`error` text,
	`handed_at` text,
	`done_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `optout_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `optout_notices_uq` ON `optout_notices` (`message_id`,`kind`,`address`);--> statement-breakpoint
CREATE INDEX `optout_notices_status_idx` ON `optout_notices` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `optout_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `optout_sync_state` (
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`since` text,
	`last_run_at` text,
	`last_ok_at` text,
	`last_error` text,
	`last_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`name`, `kind`)
);
