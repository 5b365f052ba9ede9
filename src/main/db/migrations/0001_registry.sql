CREATE TABLE `consent_events` (
	`id` text PRIMARY KEY NOT NULL,
	`subscriber_id` text NOT NULL,
	`field_id` integer NOT NULL,
	`channel` text NOT NULL,
	`action` text NOT NULL,
	`at` text NOT NULL,
	`source` text NOT NULL,
	`form_ref` text,
	`station_id` text,
	`user_id` text,
	`reason` text,
	`evidence` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consent_events_subscriber_idx` ON `consent_events` (`subscriber_id`,`at`);--> statement-breakpoint
CREATE TABLE `consent_state` (
	`subscriber_id` text NOT NULL,
	`field_id` integer NOT NULL,
	`channel` text NOT NULL,
	`granted` integer NOT NULL,
	`since` text NOT NULL,
	`last_event_id` text NOT NULL,
	PRIMARY KEY(`subscriber_id`, `field_id`, `channel`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consent_state_field_idx` ON `consent_state` (`field_id`,`channel`,`granted`,`subscriber_id`);--> statement-breakpoint
CREATE TABLE `form_sequences` (
	`station_id` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`station_id`, `year`)
);
--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`mapping` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_mappings_name_uq` ON `import_mappings` (`name`);--> statement-breakpoint
CREATE TABLE `intake_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`form_ref` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`station_id` text,
	`kind` text NOT NULL,
	`signed_at` text NOT NULL,
	`user_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intake_forms_ref_uq` ON `intake_forms` (`form_ref`);--> statement-breakpoint
CREATE INDEX `intake_forms_station_idx` ON `intake_forms` (`station_id`,`signed_at`);--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_choseong` text DEFAULT '' NOT NULL,
	`representative` text,
	`business_type_id` integer,
	`mobile` text,
	`phone_kind` text,
	`email` text,
	`email_invalid_at` text,
	`birth_year` integer,
	`gender` text,
	`dong_id` integer,
	`address` text,
	`status` text DEFAULT 'active' NOT NULL,
	`note` text,
	`station_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`business_type_id`) REFERENCES `business_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dong_id`) REFERENCES `dongs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subscribers_mobile_idx` ON `subscribers` (`mobile`);--> statement-breakpoint
CREATE INDEX `subscribers_email_idx` ON `subscribers` (`email`);--> statement-breakpoint
CREATE INDEX `subscribers_dong_idx` ON `subscribers` (`dong_id`,`birth_year`);--> statement-breakpoint
CREATE INDEX `subscribers_name_idx` ON `subscribers` (`name`);--> statement-breakpoint
CREATE INDEX `subscribers_created_idx` ON `subscribers` (`created_at`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`contact_hash` text NOT NULL,
	`field_id` integer,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`lifted_at` text,
	`lifted_form_ref` text,
	`lifted_by` text,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suppressions_hash_idx` ON `suppressions` (`contact_hash`,`channel`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`message` text,
	`params` text,
	`result` text,
	`error` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`,`kind`);