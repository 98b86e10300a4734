-- CreateTable
CREATE TABLE `collaborators` (
    `compositionId` INTEGER NOT NULL,
    `userId` INTEGER NOT NULL,
    `role` ENUM('EDITOR', 'VIEWER') NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `collaborators_userId_idx`(`userId`),
    PRIMARY KEY (`compositionId`, `userId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `collaborators` ADD CONSTRAINT `collaborators_compositionId_fkey` FOREIGN KEY (`compositionId`) REFERENCES `compositions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `collaborators` ADD CONSTRAINT `collaborators_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
