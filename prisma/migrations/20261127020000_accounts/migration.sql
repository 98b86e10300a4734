-- CreateTable
CREATE TABLE `users` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(254) NOT NULL,
    `username` VARCHAR(32) NOT NULL,
    `displayName` VARCHAR(80) NOT NULL,
    `bio` VARCHAR(500) NOT NULL DEFAULT '',
    `passwordHash` VARCHAR(255) NOT NULL,
    `role` ENUM('USER', 'PARTNER', 'ADMIN') NOT NULL DEFAULT 'USER',
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `users_email_key`(`email`),
    UNIQUE INDEX `users_username_key`(`username`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `refresh_tokens` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `userId` INTEGER NOT NULL,
    `family` CHAR(36) NOT NULL,
    `tokenHash` CHAR(64) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    `revokedAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `refresh_tokens_tokenHash_key`(`tokenHash`),
    INDEX `refresh_tokens_userId_idx`(`userId`),
    INDEX `refresh_tokens_family_idx`(`family`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AlterTable
ALTER TABLE `compositions`
    ADD COLUMN `ownerId` INTEGER NULL AFTER `id`,
    ADD COLUMN `visibility` ENUM('PUBLIC', 'UNLISTED', 'PRIVATE') NOT NULL DEFAULT 'PUBLIC' AFTER `ownerId`,
    ADD COLUMN `license` ENUM('CC_BY_4_0', 'CC_BY_NC_4_0', 'ALL_RIGHTS_RESERVED') NOT NULL DEFAULT 'CC_BY_4_0' AFTER `visibility`,
    ADD COLUMN `version` INTEGER NOT NULL DEFAULT 1 AFTER `license`,
    ADD INDEX `compositions_visibility_id_idx`(`visibility`, `id`),
    ADD INDEX `compositions_ownerId_id_idx`(`ownerId`, `id`);

-- AddForeignKey
ALTER TABLE `compositions` ADD CONSTRAINT `compositions_ownerId_fkey` FOREIGN KEY (`ownerId`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `refresh_tokens` ADD CONSTRAINT `refresh_tokens_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
