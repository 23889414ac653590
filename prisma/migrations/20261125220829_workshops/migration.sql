-- CreateTable
CREATE TABLE "Workshop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "instructorId" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "joinToken" TEXT NOT NULL,
    "starter" JSONB NOT NULL,
    "grouping" TEXT NOT NULL DEFAULT 'auto',
    "groupSize" INTEGER NOT NULL DEFAULT 3,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "timerEndsAt" DATETIME,
    "timerLabel" TEXT,
    "spotlightGroupId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WorkshopGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkshopGroup_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopGroup_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkshopMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "groupId" TEXT,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkshopMember_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkshopGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HelpRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "raisedBy" TEXT NOT NULL,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    CONSTRAINT "HelpRequest_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HelpRequest_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkshopGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "referenceDesignId" TEXT,
    "releasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "submittedByName" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replacedAt" DATETIME,
    CONSTRAINT "Submission_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkshopGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Grade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "report" JSONB,
    "earned" REAL,
    "penalty" REAL,
    "total" REAL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "Grade_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScoreOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gradeId" TEXT NOT NULL,
    "testId" TEXT,
    "points" REAL NOT NULL,
    "comment" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScoreOverride_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "Grade" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Workshop_joinCode_key" ON "Workshop"("joinCode");

-- CreateIndex
CREATE UNIQUE INDEX "Workshop_joinToken_key" ON "Workshop"("joinToken");

-- CreateIndex
CREATE INDEX "Workshop_instructorId_createdAt_idx" ON "Workshop"("instructorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopGroup_designId_key" ON "WorkshopGroup"("designId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopGroup_workshopId_number_key" ON "WorkshopGroup"("workshopId", "number");

-- CreateIndex
CREATE INDEX "WorkshopMember_personId_idx" ON "WorkshopMember"("personId");

-- CreateIndex
CREATE INDEX "WorkshopMember_groupId_idx" ON "WorkshopMember"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopMember_workshopId_personId_key" ON "WorkshopMember"("workshopId", "personId");

-- CreateIndex
CREATE INDEX "HelpRequest_workshopId_answeredAt_raisedAt_idx" ON "HelpRequest"("workshopId", "answeredAt", "raisedAt");

-- CreateIndex
CREATE INDEX "Assignment_workshopId_createdAt_idx" ON "Assignment"("workshopId", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_assignmentId_groupId_submittedAt_idx" ON "Submission"("assignmentId", "groupId", "submittedAt");

-- CreateIndex
CREATE INDEX "Grade_submissionId_createdAt_idx" ON "Grade"("submissionId", "createdAt");

-- CreateIndex
CREATE INDEX "ScoreOverride_gradeId_createdAt_idx" ON "ScoreOverride"("gradeId", "createdAt");

