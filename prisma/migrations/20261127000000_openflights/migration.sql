-- CreateTable
CREATE TABLE `countries` (
    `name` VARCHAR(100) NOT NULL,
    `isoCode` CHAR(2) NULL,
    `dafifCode` CHAR(2) NULL,

    PRIMARY KEY (`name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `airports` (
    `id` INTEGER NOT NULL,
    `name` VARCHAR(200) NOT NULL,
    `city` VARCHAR(120) NOT NULL,
    `country` VARCHAR(100) NOT NULL,
    `iata` VARCHAR(3) NULL,
    `icao` VARCHAR(4) NULL,
    `latitude` DOUBLE NOT NULL,
    `longitude` DOUBLE NOT NULL,
    `altitudeFt` INTEGER NOT NULL,
    `utcOffsetHours` DOUBLE NULL,
    `dst` CHAR(1) NULL,
    `timezone` VARCHAR(64) NULL,
    `kind` VARCHAR(32) NOT NULL,
    `source` VARCHAR(32) NOT NULL,
    `searchText` VARCHAR(500) NOT NULL,
    `destinationCount` INTEGER NOT NULL DEFAULT 0,

    INDEX `airports_iata_idx`(`iata`),
    INDEX `airports_icao_idx`(`icao`),
    INDEX `airports_country_id_idx`(`country`, `id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `airlines` (
    `id` INTEGER NOT NULL,
    `name` VARCHAR(200) NOT NULL,
    `alias` VARCHAR(200) NULL,
    `iata` VARCHAR(3) NULL,
    `icao` VARCHAR(8) NULL,
    `callsign` VARCHAR(100) NULL,
    `country` VARCHAR(100) NULL,
    `active` BOOLEAN NOT NULL,

    INDEX `airlines_iata_idx`(`iata`),
    INDEX `airlines_icao_idx`(`icao`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `routes` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `originId` INTEGER NOT NULL,
    `destinationId` INTEGER NOT NULL,
    `distanceKm` DOUBLE NOT NULL,
    `durationMinutes` INTEGER NOT NULL,

    INDEX `routes_destinationId_idx`(`destinationId`),
    UNIQUE INDEX `routes_originId_destinationId_key`(`originId`, `destinationId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `route_airlines` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `routeId` INTEGER NOT NULL,
    `airlineId` INTEGER NULL,
    `airlineCode` VARCHAR(3) NOT NULL,
    `codeshare` BOOLEAN NOT NULL,
    `stops` INTEGER NOT NULL,
    `equipment` VARCHAR(100) NOT NULL,

    INDEX `route_airlines_airlineId_idx`(`airlineId`),
    UNIQUE INDEX `route_airlines_routeId_airlineCode_key`(`routeId`, `airlineCode`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `dataset_imports` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `source` VARCHAR(500) NOT NULL,
    `checksum` CHAR(64) NOT NULL,
    `airports` INTEGER NOT NULL,
    `airlines` INTEGER NOT NULL,
    `countries` INTEGER NOT NULL,
    `routes` INTEGER NOT NULL,
    `routeRows` INTEGER NOT NULL,
    `skippedRows` INTEGER NOT NULL,
    `durationMs` INTEGER NOT NULL,
    `importedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `routes` ADD CONSTRAINT `routes_originId_fkey` FOREIGN KEY (`originId`) REFERENCES `airports`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `routes` ADD CONSTRAINT `routes_destinationId_fkey` FOREIGN KEY (`destinationId`) REFERENCES `airports`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `route_airlines` ADD CONSTRAINT `route_airlines_routeId_fkey` FOREIGN KEY (`routeId`) REFERENCES `routes`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `route_airlines` ADD CONSTRAINT `route_airlines_airlineId_fkey` FOREIGN KEY (`airlineId`) REFERENCES `airlines`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;
