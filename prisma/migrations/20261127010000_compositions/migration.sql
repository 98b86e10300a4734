-- CreateTable
CREATE TABLE `compositions` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `title` VARCHAR(200) NOT NULL,
    `kind` VARCHAR(16) NOT NULL,
    `airportCodes` VARCHAR(200) NOT NULL,
    `themeId` VARCHAR(64) NOT NULL,
    `themeSnapshot` JSON NOT NULL,
    `flightSnapshot` JSON NOT NULL,
    `requestedKeyRoot` VARCHAR(2) NULL,
    `requestedScale` VARCHAR(20) NULL,
    `requestedTempoBpm` INTEGER NULL,
    `requestedDurationSeconds` INTEGER NULL,
    `variation` INTEGER NOT NULL,
    `seed` BIGINT NOT NULL,
    `engineVersion` VARCHAR(32) NOT NULL,
    `tempoBpm` DOUBLE NOT NULL,
    `keyRoot` VARCHAR(2) NOT NULL,
    `scale` VARCHAR(20) NOT NULL,
    `timeSignature` VARCHAR(8) NOT NULL,
    `durationSeconds` DOUBLE NOT NULL,
    `midi` MEDIUMBLOB NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `compositions_createdAt_idx`(`createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
