-- CreateTable
CREATE TABLE `contests` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `creatorId` INTEGER NULL,
    `title` VARCHAR(120) NOT NULL,
    `description` VARCHAR(4000) NOT NULL DEFAULT '',
    `prize` VARCHAR(500) NOT NULL DEFAULT '',
    `sponsor` VARCHAR(120) NOT NULL DEFAULT '',
    `submissionsOpenAt` DATETIME(3) NOT NULL,
    `submissionsCloseAt` DATETIME(3) NOT NULL,
    `votingOpenAt` DATETIME(3) NOT NULL,
    `votingCloseAt` DATETIME(3) NOT NULL,
    `allowedThemes` VARCHAR(1000) NOT NULL DEFAULT '',
    `requiredAirport` VARCHAR(4) NULL,
    `requiredCountry` VARCHAR(100) NULL,
    `entriesPerPerson` INTEGER NOT NULL DEFAULT 1,
    `votesPerVoter` INTEGER NOT NULL DEFAULT 3,
    `minAccountAgeHours` INTEGER NOT NULL DEFAULT 24,
    `closedEarlyAt` DATETIME(3) NULL,
    `resultsFrozenAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `contests_votingCloseAt_idx`(`votingCloseAt`),
    INDEX `contests_creatorId_idx`(`creatorId`),
    PRIMARY KEY (`id`),
    -- Not in the Prisma model (it cannot express CHECK): the windows are ordered.
    CONSTRAINT `contests_windows_ordered_check` CHECK (`submissionsOpenAt` < `submissionsCloseAt` AND `submissionsCloseAt` <= `votingOpenAt` AND `votingOpenAt` < `votingCloseAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `contest_entries` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `contestId` INTEGER NOT NULL,
    `compositionId` INTEGER NULL,
    `authorId` INTEGER NULL,
    `fingerprint` CHAR(64) NOT NULL,
    `votes` INTEGER NOT NULL DEFAULT 0,
    `votesVersion` INTEGER NOT NULL DEFAULT 0,
    `finalRank` INTEGER NULL,
    `finalVotes` INTEGER NULL,
    `submittedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `contest_entries_contestId_fingerprint_key`(`contestId`, `fingerprint`),
    INDEX `contest_entries_contestId_authorId_idx`(`contestId`, `authorId`),
    INDEX `contest_entries_compositionId_idx`(`compositionId`),
    INDEX `contest_entries_authorId_idx`(`authorId`),
    PRIMARY KEY (`id`),
    CONSTRAINT `contest_entries_votes_check` CHECK (`votes` >= 0)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `contest_votes` (
    `entryId` INTEGER NOT NULL,
    `voterId` INTEGER NOT NULL,
    `contestId` INTEGER NOT NULL,
    `entryAuthorId` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `contest_votes_contestId_voterId_idx`(`contestId`, `voterId`),
    INDEX `contest_votes_voterId_idx`(`voterId`),
    PRIMARY KEY (`entryId`, `voterId`),
    -- Not in the Prisma model: nobody votes for their own entry, whatever the code does.
    CONSTRAINT `contest_votes_not_own_entry_check` CHECK (`entryAuthorId` IS NULL OR `voterId` <> `entryAuthorId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `contest_ballots` (
    `contestId` INTEGER NOT NULL,
    `voterId` INTEGER NOT NULL,
    `votesUsed` INTEGER NOT NULL DEFAULT 0,
    `votesAllowed` INTEGER NOT NULL,

    INDEX `contest_ballots_voterId_idx`(`voterId`),
    PRIMARY KEY (`contestId`, `voterId`),
    -- Not in the Prisma model: the per-contest vote cap, held by the database as well.
    CONSTRAINT `contest_ballots_votes_within_cap_check` CHECK (`votesUsed` >= 0 AND `votesUsed` <= `votesAllowed`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `contest_vote_events` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `contestId` INTEGER NOT NULL,
    `entryId` INTEGER NOT NULL,
    `voterId` INTEGER NOT NULL,
    `action` ENUM('CAST', 'RETRACT') NOT NULL,
    `ipHash` CHAR(64) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `contest_vote_events_contestId_createdAt_idx`(`contestId`, `createdAt`),
    INDEX `contest_vote_events_voterId_idx`(`voterId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `contests` ADD CONSTRAINT `contests_creatorId_fkey` FOREIGN KEY (`creatorId`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `contest_entries` ADD CONSTRAINT `contest_entries_contestId_fkey` FOREIGN KEY (`contestId`) REFERENCES `contests`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `contest_entries` ADD CONSTRAINT `contest_entries_compositionId_fkey` FOREIGN KEY (`compositionId`) REFERENCES `compositions`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `contest_entries` ADD CONSTRAINT `contest_entries_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `contest_votes` ADD CONSTRAINT `contest_votes_entryId_fkey` FOREIGN KEY (`entryId`) REFERENCES `contest_entries`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `contest_votes` ADD CONSTRAINT `contest_votes_voterId_fkey` FOREIGN KEY (`voterId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE `contest_votes` ADD CONSTRAINT `contest_votes_contestId_fkey` FOREIGN KEY (`contestId`) REFERENCES `contests`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `contest_ballots` ADD CONSTRAINT `contest_ballots_contestId_fkey` FOREIGN KEY (`contestId`) REFERENCES `contests`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `contest_ballots` ADD CONSTRAINT `contest_ballots_voterId_fkey` FOREIGN KEY (`voterId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
