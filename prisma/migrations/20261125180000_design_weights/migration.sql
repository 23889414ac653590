-- CreateTable
CREATE TABLE "DesignWeights" (
    "designId" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "steps" INTEGER NOT NULL,
    "weights" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DesignWeights_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
