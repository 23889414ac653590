-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DesignOp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "designId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "op" JSONB NOT NULL,
    "author" TEXT NOT NULL,
    "authorName" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DesignOp_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DesignOp" ("author", "createdAt", "designId", "id", "op", "version") SELECT "author", "createdAt", "designId", "id", "op", "version" FROM "DesignOp";
DROP TABLE "DesignOp";
ALTER TABLE "new_DesignOp" RENAME TO "DesignOp";
CREATE UNIQUE INDEX "DesignOp_designId_version_key" ON "DesignOp"("designId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

