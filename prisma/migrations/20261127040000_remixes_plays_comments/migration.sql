-- AlterTable
ALTER TABLE `compositions`
    ADD COLUMN `parentId` INTEGER NULL AFTER `version`,
    ADD COLUMN `attribution` VARCHAR(400) NULL AFTER `parentId`,
    ADD COLUMN `playCount` INTEGER NOT NULL DEFAULT 0 AFTER `attribution`,
    ADD INDEX `compositions_parentId_idx`(`parentId`);

-- CreateTable
CREATE TABLE `comments` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `compositionId` INTEGER NOT NULL,
    `authorId` INTEGER NOT NULL,
    `parentId` INTEGER NULL,
    `body` VARCHAR(2000) NOT NULL,
    `atSecond` DOUBLE NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `editedAt` DATETIME(3) NULL,

    INDEX `comments_compositionId_parentId_id_idx`(`compositionId`, `parentId`, `id`),
    INDEX `comments_authorId_idx`(`authorId`),
    INDEX `comments_parentId_idx`(`parentId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `compositions` ADD CONSTRAINT `compositions_parentId_fkey` FOREIGN KEY (`parentId`) REFERENCES `compositions`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `comments` ADD CONSTRAINT `comments_compositionId_fkey` FOREIGN KEY (`compositionId`) REFERENCES `compositions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `comments` ADD CONSTRAINT `comments_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `comments` ADD CONSTRAINT `comments_parentId_fkey` FOREIGN KEY (`parentId`) REFERENCES `comments`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
