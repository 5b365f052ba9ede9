CREATE TABLE `campaign_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sms_text` text DEFAULT '' NOT NULL,
	`sms_subject` text DEFAULT '' NOT NULL,
	`email_subject` text DEFAULT '' NOT NULL,
	`email_html` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'info' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`sms_enabled` integer DEFAULT false NOT NULL,
	`email_enabled` integer DEFAULT false NOT NULL,
	`field_ids` text NOT NULL,
	`filters` text NOT NULL,
	`is_ad` integer DEFAULT false NOT NULL,
	`sms_text` text DEFAULT '' NOT NULL,
	`sms_subject` text DEFAULT '' NOT NULL,
	`append_sns` integer DEFAULT false NOT NULL,
	`email_subject` text DEFAULT '' NOT NULL,
	`email_html` text DEFAULT '' NOT NULL,
	`template_id` text,
	`scheduled_at` text,
	`confirm_night` integer DEFAULT false NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`pause_reason` text,
	`sms_class` text,
	`sms_bytes` integer,
	`notice_meta` text,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`launched_by` text,
	`launched_at` text,
	`finished_at` text,
	`runner_pid` integer,
	`runner_host` text,
	`runner_beat` text
);
--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `campaign_notice_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`row_no` integer NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`vars` text NOT NULL,
	`subscriber_id` text,
	`match` text NOT NULL,
	`channels` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notice_rows_campaign_idx` ON `campaign_notice_rows` (`campaign_id`,`match`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
CREATE INDEX `outbox_campaign_idx` ON `outbox` (`campaign_id`,`channel`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`);--> statement-breakpoint
CREATE INDEX `outbox_subscriber_idx` ON `outbox` (`subscriber_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_token_uq` ON `outbox` (`token`);--> statement-breakpoint
CREATE TABLE `test_gateway_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idem_key` text NOT NULL,
	`recipient` text NOT NULL,
	`sender` text DEFAULT '' NOT NULL,
	`class` text NOT NULL,
	`subject` text,
	`text` text NOT NULL,
	`outcome` text NOT NULL,
	`code` text NOT NULL,
	`calls` integer DEFAULT 1 NOT NULL,
	`received_at` text NOT NULL,
	`deliver_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_gateway_key_uq` ON `test_gateway_messages` (`idem_key`);