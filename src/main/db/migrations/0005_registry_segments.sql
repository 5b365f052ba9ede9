CREATE TABLE `consent_totals` (
	`field_id` integer NOT NULL,
	`channel` text NOT NULL,
	`granted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`field_id`, `channel`)
);
--> statement-breakpoint
ALTER TABLE `consent_state` ADD `dong_id` integer;--> statement-breakpoint
ALTER TABLE `consent_state` ADD `birth_year` integer;--> statement-breakpoint
ALTER TABLE `consent_state` ADD `gender` text;--> statement-breakpoint
ALTER TABLE `consent_state` ADD `business_type_id` integer;--> statement-breakpoint
ALTER TABLE `consent_state` ADD `reachable` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `consent_state_segment_idx` ON `consent_state` (`field_id`,`channel`,`granted`,`dong_id`,`birth_year`,`gender`,`business_type_id`,`reachable`);--> statement-breakpoint
CREATE INDEX `subscribers_search_idx` ON `subscribers` (`name`,`name_choseong`,`mobile`,`email`,`kind`,`status`,`dong_id`,`birth_year`,`gender`,`business_type_id`);--> statement-breakpoint
CREATE INDEX `subscribers_stats_idx` ON `subscribers` (`status`,`kind`,`dong_id`,`birth_year`,`gender`,`business_type_id`);--> statement-breakpoint
UPDATE `consent_state` SET `dong_id` = s.`dong_id`, `birth_year` = s.`birth_year`, `gender` = s.`gender`, `business_type_id` = s.`business_type_id`,
  `reachable` = CASE WHEN s.`status` <> 'active' THEN 0 WHEN `consent_state`.`channel` = 'sms' THEN coalesce(s.`phone_kind` = 'mobile', 0)
    ELSE (s.`email` IS NOT NULL AND s.`email_invalid_at` IS NULL) END
  FROM `subscribers` s WHERE s.`id` = `consent_state`.`subscriber_id`;--> statement-breakpoint
INSERT INTO `consent_totals` (`field_id`, `channel`, `granted`)
  SELECT `field_id`, `channel`, sum(`granted`) FROM `consent_state` GROUP BY `field_id`, `channel`;--> statement-breakpoint
CREATE TRIGGER `consent_state_segment_ai` AFTER INSERT ON `consent_state`
  WHEN NEW.`dong_id` IS NULL AND NEW.`birth_year` IS NULL AND NEW.`gender` IS NULL AND NEW.`business_type_id` IS NULL AND NEW.`reachable` = 0
BEGIN
  UPDATE `consent_state` SET (`dong_id`, `birth_year`, `gender`, `business_type_id`, `reachable`) = (
    SELECT s.`dong_id`, s.`birth_year`, s.`gender`, s.`business_type_id`,
      CASE WHEN s.`status` <> 'active' THEN 0 WHEN NEW.`channel` = 'sms' THEN coalesce(s.`phone_kind` = 'mobile', 0)
        ELSE (s.`email` IS NOT NULL AND s.`email_invalid_at` IS NULL) END
    FROM `subscribers` s WHERE s.`id` = NEW.`subscriber_id`)
  WHERE `rowid` = NEW.`rowid`;
END;--> statement-breakpoint
CREATE TRIGGER `consent_state_totals_ai` AFTER INSERT ON `consent_state` BEGIN
  INSERT INTO `consent_totals` (`field_id`, `channel`, `granted`) VALUES (NEW.`field_id`, NEW.`channel`, NEW.`granted`)
    ON CONFLICT (`field_id`, `channel`) DO UPDATE SET `granted` = `granted` + excluded.`granted`;
END;--> statement-breakpoint
CREATE TRIGGER `consent_state_totals_au` AFTER UPDATE OF `granted` ON `consent_state` WHEN OLD.`granted` <> NEW.`granted` BEGIN
  UPDATE `consent_totals` SET `granted` = `granted` + NEW.`granted` - OLD.`granted`
    WHERE `field_id` = NEW.`field_id` AND `channel` = NEW.`channel`;
END;--> statement-breakpoint
CREATE TRIGGER `consent_state_totals_ad` AFTER DELETE ON `consent_state` BEGIN
  UPDATE `consent_totals` SET `granted` = `granted` - OLD.`granted` WHERE `field_id` = OLD.`field_id` AND `channel` = OLD.`channel`;
END;--> statement-breakpoint
CREATE TRIGGER `subscribers_segment_au` AFTER UPDATE OF `dong_id`, `birth_year`, `gender`, `business_type_id`, `status`, `mobile`,
  `phone_kind`, `email`, `email_invalid_at` ON `subscribers` BEGIN
  UPDATE `consent_state` SET `dong_id` = NEW.`dong_id`, `birth_year` = NEW.`birth_year`, `gender` = NEW.`gender`,
    `business_type_id` = NEW.`business_type_id`,
    `reachable` = CASE WHEN NEW.`status` <> 'active' THEN 0 WHEN `channel` = 'sms' THEN coalesce(NEW.`phone_kind` = 'mobile', 0)
      ELSE (NEW.`email` IS NOT NULL AND NEW.`email_invalid_at` IS NULL) END
  WHERE `subscriber_id` = NEW.`id`;
END;
