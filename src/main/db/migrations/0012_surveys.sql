CREATE TABLE `survey_campaigns` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`kind` text NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_campaigns_survey_idx` ON `survey_campaigns` (`survey_id`);--> statement-breakpoint
CREATE TABLE `survey_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`subscriber_id` text,
	`token` text NOT NULL,
	`dong_id` integer,
	`age_band` text,
	`gender` text,
	`invited_at` text NOT NULL,
	`visited_at` text,
	`started_at` text,
	`completed_at` text,
	`completed_via` text,
	`progress` text,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	`last_reminded_at` text,
	`incentive_eligible` integer DEFAULT false NOT NULL,
	`incentive_winner` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_participants_token_uq` ON `survey_participants` (`token`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_participants_person_uq` ON `survey_participants` (`survey_id`,`subscriber_id`);--> statement-breakpoint
CREATE TABLE `survey_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`requested_by` text NOT NULL,
	`project` text NOT NULL,
	`purpose` text NOT NULL,
	`timing` text DEFAULT '' NOT NULL,
	`target` text DEFAULT '' NOT NULL,
	`draft_questions` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`comment` text,
	`decided_by` text,
	`decided_at` text,
	`survey_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `survey_requests_status_idx` ON `survey_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`participant_id` integer,
	`subscriber_id` text,
	`via` text NOT NULL,
	`dong_id` integer,
	`age_band` text,
	`gender` text,
	`answers` text NOT NULL,
	`submitted_on` text NOT NULL,
	`submitted_at` text,
	`entered_by` text,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_responses_survey_idx` ON `survey_responses` (`survey_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_participant_uq` ON `survey_responses` (`participant_id`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text,
	`title` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`definition` text NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`opens_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`filters` text NOT NULL,
	`invitation` text NOT NULL,
	`reminder_after_days` integer DEFAULT 3 NOT NULL,
	`reminder_max` integer DEFAULT 0 NOT NULL,
	`incentive_winners` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text
);
