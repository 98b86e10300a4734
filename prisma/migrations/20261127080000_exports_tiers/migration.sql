-- AlterTable
ALTER TABLE `users` ADD COLUMN `tier` ENUM('FREE', 'PREMIUM') NOT NULL DEFAULT 'FREE';

-- CreateTable
CREATE TABLE `exports` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `userId` INTEGER NOT NULL,
    `compositionId` INTEGER NULL,
    `format` ENUM('WAV', 'FLAC') NOT NULL,
    `renderKey` CHAR(64) NOT NULL,
    `status` ENUM('QUEUED', 'RENDERING', 'DONE', 'FAILED') NOT NULL DEFAULT 'QUEUED',
    `progress` DOUBLE NOT NULL DEFAULT 0,
    `token` CHAR(43) NOT NULL,
    `durationSeconds` DOUBLE NOT NULL,
    `error` VARCHAR(500) NULL,
    `expiresAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `exports_token_key`(`token`),
    INDEX `exports_renderKey_idx`(`renderKey`),
    INDEX `exports_userId_renderKey_idx`(`userId`, `renderKey`),
    INDEX `exports_compositionId_idx`(`compositionId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `exports` ADD CONSTRAINT `exports_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `exports` ADD CONSTRAINT `exports_compositionId_fkey` FOREIGN KEY (`compositionId`) REFERENCES `compositions`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;
